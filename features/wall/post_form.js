// The post form. It lives in the browser so that nothing typed is lost: the draft is kept in
// localStorage until the server confirms it, a send while offline waits for the connection, and
// a re-send carries the same key so the server stores it once. While sending, the button is only
// aria-disabled (submit() ignores it): a disabled button would drop the keyboard focus to the page.
const DRAFT = "stadtgespraech-draft";
const NICKNAME = "stadtgespraech-nickname";

export default {
  template: `
    <div class="flex flex-col gap-3">
    <h2 v-if="labels.heading" :id="headingId" class="text-xl font-semibold m-0">{{ labels.heading }}</h2>
    <slot></slot>
    <form class="flex flex-col gap-3" @submit.prevent="submit" novalidate>
      <label class="flex flex-col gap-1">
        <span class="font-semibold">{{ labels.text }}</span>
        <textarea v-model="text" rows="4" class="sg-input border rounded p-2 bg-white text-black"
                  :aria-describedby="counterId + ' ' + messageId" :aria-invalid="tooLong ? 'true' : 'false'"
                  name="text"></textarea>
      </label>
      <p :id="counterId" :class="['m-0 text-sm', tooLong ? 'text-red-800 font-semibold' : 'text-slate-700']">
        {{ counter }}
      </p>
      <label class="flex flex-col gap-1">
        <span class="font-semibold">{{ labels.nickname }}</span>
        <input v-model="nickname" type="text" autocomplete="nickname" name="nickname"
               class="sg-input border rounded p-2 bg-white text-black" />
      </label>
      <label v-if="agendaItems.length" class="flex flex-col gap-1">
        <span class="font-semibold">{{ labels.agenda }}</span>
        <select v-model="agendaItemId" name="agenda_item" class="sg-input border rounded p-2 bg-white text-black">
          <option v-for="item in agendaItems" :key="item.id" :value="item.id">{{ item.title }}</option>
        </select>
      </label>
      <div>
        <button type="submit" :disabled="disabled" :aria-disabled="sending ? 'true' : 'false'"
                class="sg-send rounded bg-blue-900 text-white font-semibold px-4 py-2 disabled:opacity-60 aria-disabled:opacity-60">
          {{ labels.send }}
        </button>
      </div>
      <p :id="messageId" :role="messageIsError ? 'alert' : 'status'"
         :class="['m-0', messageIsError ? 'text-red-800 font-semibold' : 'text-slate-800']">{{ message }}</p>
    </form>
    </div>`,
  props: {
    labels: Object,
    limit: Number,
    agendaItems: Array,
    defaultAgendaItem: Number,
    disabled: Boolean,
    headingId: String,
  },
  data() {
    const draft = JSON.parse(localStorage.getItem(DRAFT) || "null");
    return {
      text: draft?.text || "",
      key: draft?.key || null,
      nickname: localStorage.getItem(NICKNAME) || "",
      agendaItemId: this.defaultAgendaItem ?? null,
      sending: false,
      message: draft?.text ? this.labels.restored : "",
      messageIsError: false,
      counterId: `counter-${this.$.uid}`,
      messageId: `message-${this.$.uid}`,
      timer: null,
    };
  },
  computed: {
    tooLong() {
      return this.text.length > this.limit;
    },
    counter() {
      return this.labels.counter.replace("{count}", this.text.length).replace("{limit}", this.limit);
    },
  },
  watch: {
    text(value) {
      if (value) localStorage.setItem(DRAFT, JSON.stringify({ text: value, key: this.key }));
      else localStorage.removeItem(DRAFT);
    },
    nickname(value) {
      localStorage.setItem(NICKNAME, value);
    },
  },
  methods: {
    submit() {
      if (this.sending) return;
      if (!this.key) this.key = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
      localStorage.setItem(DRAFT, JSON.stringify({ text: this.text, key: this.key }));
      if (!window.socket || !window.socket.connected) return this.waitForConnection();
      this.sending = true;
      this.$emit("send", {
        text: this.text, nickname: this.nickname, agenda_item_id: this.agendaItemId, key: this.key,
      });
      // no answer in time: the connection is probably gone; keep everything and try again later
      this.timer = setTimeout(() => { if (this.sending) { this.sending = false; this.waitForConnection(); } }, 8000);
    },
    waitForConnection() {
      this.message = this.labels.offline;
      this.messageIsError = true;
      const retry = () => this.submit();
      if (window.socket) window.socket.once("connect", () => setTimeout(retry, 300));
    },
    done(result) {
      clearTimeout(this.timer);
      this.sending = false;
      this.message = result.message;
      this.messageIsError = !result.ok;
      if (result.ok) {
        this.text = "";
        this.key = null;
        localStorage.removeItem(DRAFT);
      }
    },
  },
};
