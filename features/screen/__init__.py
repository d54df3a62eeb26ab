"""The hall screen: /screen and its modes, highlight, QR code and stage banner."""
