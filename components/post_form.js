// The post form. It lives in the browser so that nothing typed is lost: drafts, client keys, the
// remembered nickname and the re-send once the connection is back come from sg-forms
// (components/client/sg-forms.js), shared with the forms on a result's page.
import { NicknameField, keepDraft, loadDraft, newKey, rememberedNickname, sendWhenConnected } from "sg-forms";

const DRAFT = "stadtgespraech-draft";

export default {
  components: { NicknameField },
  mixins: [rememberedNickname, sendWhenConnected],
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
      <nickname-field v-model="nickname" :label="labels.nickname"></nickname-field>
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
      <p :id="messageId" :role="error ? 'alert' : 'status'"
         :class="['m-0', error ? 'text-red-800 font-semibold' : 'text-slate-800']">{{ message }}</p>
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
    const draft = loadDraft(DRAFT);
    return {
      text: draft?.text || "",
      key: draft?.key || null,
      agendaItemId: this.defaultAgendaItem ?? null,
      message: draft?.text ? this.labels.restored : "",
      counterId: `counter-${this.$.uid}`,
      messageId: `message-${this.$.uid}`,
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
      keepDraft(DRAFT, { text: value, key: this.key });
    },
  },
  methods: {
    submit() {
      if (this.sending) return;
      if (!this.key) this.key = newKey();
      keepDraft(DRAFT, { text: this.text, key: this.key });
      const payload = { text: this.text, nickname: this.nickname, agenda_item_id: this.agendaItemId, key: this.key };
      this.sendOrWait("post", payload, () => this.submit());
    },
    done(result) {
      if (result.ok) {
        this.text = "";
        this.key = null;
        keepDraft(DRAFT, {});
      }
      this.answered(result);
    },
  },
};
