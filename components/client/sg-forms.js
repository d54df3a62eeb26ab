// What every form participants write in shares, so that nothing typed is lost (used by the wall's
// post form and the forms on a result's page):
// - the draft stays in localStorage until the server confirms it (a reload or a lost connection
//   keeps it);
// - every send carries a client key, kept with the draft, so a re-send is stored once;
// - the nickname is remembered in this browser for every form;
// - a send while offline, or one the server does not answer, waits with a clear message and goes
//   out by itself when the connection is back.
// While sending, a button is only aria-disabled (the forms' submit() ignores it): a disabled button
// would drop the keyboard focus to the page.

const NICKNAME = "stadtgespraech-nickname";
const ANSWER_TIMEOUT = 8000; // no answer by then: the connection is probably gone
const RECONNECT_SETTLE = 300; // after "connect", NiceGUI first re-joins the tab's client

/** A new client key: the server stores a contribution once per key. */
export function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
}

/** The draft kept under `name`, or null. */
export function loadDraft(name) {
  try {
    return JSON.parse(localStorage.getItem(name) || "null");
  } catch {
    return null; // a damaged entry is no draft
  }
}

/** Keeps `draft` under `name` while it holds typed text (`text` or `title`); else forgets it. */
export function keepDraft(name, draft) {
  if (draft.text || draft.title) localStorage.setItem(name, JSON.stringify(draft));
  else localStorage.removeItem(name);
}

/** Mixin: `nickname`, remembered in this browser for every form. */
export const rememberedNickname = {
  data() {
    return { nickname: localStorage.getItem(NICKNAME) || "" };
  },
  watch: {
    nickname(value) {
      localStorage.setItem(NICKNAME, value);
    },
  },
};

/** Mixin: send now, or wait for the connection and send again.
 *
 * `sendOrWait(form, payload, resend)` emits "send" with `payload` while connected; otherwise, or
 * when no answer comes in time, it shows `labels.offline` and calls `resend` (the form's own
 * submit, which builds the payload again from the kept draft, same key) once the connection is
 * back. Several waiting forms are re-sent one after the other. The component calls
 * `answered(result)` when the server's answer arrives (after clearing its draft on success).
 */
export const sendWhenConnected = {
  data() {
    return { sending: false, message: "", error: false };
  },
  created() {
    this.waitingForms = new Map();
    this.listening = false;
    this.sentForm = null;
    this.answerTimer = null;
  },
  beforeUnmount() {
    clearTimeout(this.answerTimer);
  },
  methods: {
    sendOrWait(form, payload, resend) {
      if (this.sending) return;
      if (!window.socket || !window.socket.connected) {
        this.waitForConnection(form, resend);
        return;
      }
      this.waitingForms.delete(form);
      this.sentForm = form;
      this.sending = true;
      this.$emit("send", payload);
      this.answerTimer = setTimeout(() => {
        if (!this.sending) return;
        this.sending = false;
        this.waitForConnection(form, resend);
      }, ANSWER_TIMEOUT);
    },
    waitForConnection(form, resend) {
      this.message = this.labels.offline;
      this.error = true;
      this.waitingForms.set(form, resend);
      if (this.listening || !window.socket) return;
      this.listening = true;
      window.socket.once("connect", () => setTimeout(() => {
        this.listening = false;
        this.resendNext();
      }, RECONNECT_SETTLE));
    },
    resendNext() {
      const next = this.waitingForms.entries().next();
      if (next.done) return;
      const [form, resend] = next.value;
      this.waitingForms.delete(form);
      resend();
    },
    answered(result) {
      // a late answer (after the timeout) settles the form that waits for a re-send
      this.waitingForms.delete(this.sentForm);
      clearTimeout(this.answerTimer);
      this.sending = false;
      this.message = result.message;
      this.error = !result.ok;
      this.resendNext();
    },
  },
};

/** The nickname input both forms show (`v-model="nickname"`). */
export const NicknameField = {
  props: { label: String, modelValue: String },
  emits: ["update:modelValue"],
  template: `
    <label class="flex flex-col gap-1">
      <span class="font-semibold">{{ label }}</span>
      <input :value="modelValue" @input="$emit('update:modelValue', $event.target.value)" type="text"
             autocomplete="nickname" name="nickname" class="sg-input border rounded p-2 bg-white text-black" />
    </label>`,
};
