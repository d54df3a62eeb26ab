"""UI pieces two or more features share: the frame, i18n, the live wiring, the staff gate, and the
client code both post forms use. They render; they call feature services for any change."""
