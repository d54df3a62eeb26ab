// Comments (with one level of replies) or proposals on one result, kept in the browser.
// The server sends each new or changed item once (upsert); nothing is rebuilt to show one item.
// Text is rendered with {{ }} only: Vue escapes it, so no participant text is ever HTML.
// Keyboard: a send button is only aria-disabled while sending (submit() ignores it), so the focus
// stays on it; the reply form takes the focus when it opens and gives it back to its button.
const NICKNAME = "stadtgespraech-nickname";

export default {
  template: `
    <div class="sg-thread flex flex-col gap-4">
      <form v-if="open" class="sg-thread-form flex flex-col gap-2 bg-white rounded shadow-sm p-4"
            @submit.prevent="submit(null)" novalidate>
        <label v-if="mode === 'proposals'" class="flex flex-col gap-1">
          <span class="font-semibold">{{ labels.title }}</span>
          <input v-model="drafts.title" type="text" name="title" :maxlength="titleLimit"
                 class="sg-input border rounded p-2 bg-white text-black" />
        </label>
        <label class="flex flex-col gap-1">
          <span class="font-semibold">{{ labels.text }}</span>
          <textarea v-model="drafts.text" rows="3" name="text" class="sg-input border rounded p-2 bg-white text-black"
                    :aria-describedby="uid + '-counter ' + uid + '-message'"></textarea>
        </label>
        <p :id="uid + '-counter'" :class="['m-0 text-sm', (drafts.text || '').length > limit ? 'text-red-800 font-semibold' : 'text-slate-700']">
          {{ counter(drafts.text) }}
        </p>
        <label class="flex flex-col gap-1">
          <span class="font-semibold">{{ labels.nickname }}</span>
          <input v-model="nickname" type="text" autocomplete="nickname" name="nickname"
                 class="sg-input border rounded p-2 bg-white text-black" />
        </label>
        <div><button type="submit" :aria-disabled="sending ? 'true' : 'false'" class="sg-send rounded bg-blue-900 text-white font-semibold px-4 py-2 aria-disabled:opacity-60">{{ labels.send }}</button></div>
        <p :id="uid + '-message'" :role="error && replyTo === null ? 'alert' : 'status'"
           :class="['m-0', error ? 'text-red-800 font-semibold' : 'text-slate-800']">{{ replyTo === null ? message : '' }}</p>
      </form>
      <div class="flex flex-wrap gap-2 items-center" role="group" :aria-label="labels.sort">
        <button v-for="choice in ['newest', 'top']" :key="choice" type="button" class="sg-sort rounded border px-3 py-1"
                :aria-pressed="order === choice ? 'true' : 'false'" @click="order = choice">{{ labels['sort_' + choice] }}</button>
      </div>
      <ol ref="list" tabindex="-1" class="sg-thread-list list-none p-0 m-0 flex flex-col gap-3" aria-live="polite"
          aria-relevant="additions" :aria-label="labels.list">
        <li v-for="item in topLevel" :key="item.id" :data-id="item.id"
            :class="['sg-card bg-white rounded shadow-sm p-4', item.status === 'pending' ? 'sg-pending' : '']">
          <p v-if="item.status === 'withdrawn'" class="sg-withdrawn m-0">{{ labels.withdrawn }}</p>
          <template v-else>
          <div class="sg-meta flex flex-wrap gap-x-2 text-sm text-slate-700">
            <span class="font-semibold text-slate-900">{{ item.nickname || labels.anonymous }}</span>
            <span>{{ item.date }} {{ item.time }}</span>
            <span v-if="item.kind === 'wall'" class="sg-from-wall rounded bg-slate-200 px-1">{{ labels.from_wall }}</span>
          </div>
          <p v-if="item.title" class="sg-title m-0 font-semibold text-lg break-words">{{ item.title }}</p>
          <p class="sg-text m-0 whitespace-pre-line break-words">{{ item.text }}</p>
          <p v-if="item.status === 'pending'" class="sg-pending-note m-0 text-sm font-semibold">{{ labels.pending }}</p>
          <div v-if="item.status === 'published'" class="mt-2 flex flex-wrap gap-3 items-center">
            <button type="button" class="sg-vote rounded border px-3 py-1" :disabled="!open"
                    :aria-pressed="voted.includes(item.id) ? 'true' : 'false'"
                    :aria-label="labels.vote + ': ' + item.votes" @click="$emit('vote', item.id)">
              <span aria-hidden="true">▲</span> <span class="sg-votes">{{ item.votes }}</span>
            </button>
            <button v-if="open && mode === 'comments'" type="button" class="sg-reply underline"
                    :aria-expanded="replyTo === item.id ? 'true' : 'false'" @click="toggleReply(item.id)">{{ labels.reply }}</button>
          </div>
          <div v-if="canWithdraw && item.mine" class="sg-own mt-2 flex flex-wrap gap-3 items-center" @keydown.esc="cancelDelete(item.id)">
            <button v-if="confirming !== item.id" type="button" class="sg-delete text-sm underline"
                    :data-delete="item.id" @click="askDelete(item.id)">{{ labels.delete }}</button>
            <template v-else>
              <span :id="uid + '-confirm-' + item.id" class="text-sm font-semibold">{{ labels.delete_question }}</span>
              <button type="button" class="sg-delete-yes rounded border px-3 py-1 text-sm" :data-delete-yes="item.id"
                      :aria-describedby="uid + '-confirm-' + item.id" @click="$emit('withdraw', item.id)">{{ labels.delete_yes }}</button>
              <button type="button" class="sg-delete-no rounded border px-3 py-1 text-sm" @click="cancelDelete(item.id)">{{ labels.delete_no }}</button>
            </template>
          </div>
          </template>
          <ol v-if="(replies[item.id] || []).length" class="sg-replies list-none m-0 mt-3 pl-4 border-l-4 border-slate-200 flex flex-col gap-2"
              :aria-label="labels.replies">
            <li v-for="reply in replies[item.id]" :key="reply.id" :data-id="reply.id"
                :class="['sg-card sg-reply-card', reply.status === 'pending' ? 'sg-pending pl-2' : '']">
              <div class="sg-meta flex flex-wrap gap-x-2 text-sm text-slate-700">
                <span class="font-semibold text-slate-900">{{ reply.nickname || labels.anonymous }}</span>
                <span>{{ reply.date }} {{ reply.time }}</span>
              </div>
              <p class="sg-text m-0 whitespace-pre-line break-words">{{ reply.text }}</p>
              <p v-if="reply.status === 'pending'" class="sg-pending-note m-0 text-sm font-semibold">{{ labels.pending }}</p>
              <button v-if="reply.status === 'published'" type="button" class="sg-vote rounded border px-2 mt-1 text-sm" :disabled="!open"
                      :aria-pressed="voted.includes(reply.id) ? 'true' : 'false'"
                      :aria-label="labels.vote + ': ' + reply.votes" @click="$emit('vote', reply.id)">
                <span aria-hidden="true">▲</span> <span class="sg-votes">{{ reply.votes }}</span>
              </button>
              <div v-if="canWithdraw && reply.mine" class="sg-own mt-1 flex flex-wrap gap-3 items-center" @keydown.esc="cancelDelete(reply.id)">
                <button v-if="confirming !== reply.id" type="button" class="sg-delete text-sm underline"
                        :data-delete="reply.id" @click="askDelete(reply.id)">{{ labels.delete }}</button>
                <template v-else>
                  <span :id="uid + '-confirm-' + reply.id" class="text-sm font-semibold">{{ labels.delete_question }}</span>
                  <button type="button" class="sg-delete-yes rounded border px-3 py-1 text-sm" :data-delete-yes="reply.id"
                          :aria-describedby="uid + '-confirm-' + reply.id" @click="$emit('withdraw', reply.id)">{{ labels.delete_yes }}</button>
                  <button type="button" class="sg-delete-no rounded border px-3 py-1 text-sm" @click="cancelDelete(reply.id)">{{ labels.delete_no }}</button>
                </template>
              </div>
            </li>
          </ol>
          <form v-if="replyTo === item.id" class="sg-reply-form flex flex-col gap-2 mt-3" @submit.prevent="submit(item.id)"
                @keydown.esc.prevent="closeReply" novalidate>
            <label class="flex flex-col gap-1">
              <span class="font-semibold">{{ labels.reply_text }}</span>
              <textarea v-model="replyText" rows="2" name="reply" class="sg-input border rounded p-2 bg-white text-black"></textarea>
            </label>
            <div><button type="submit" :aria-disabled="sending ? 'true' : 'false'" class="sg-send rounded bg-blue-900 text-white font-semibold px-3 py-1 aria-disabled:opacity-60">{{ labels.send_reply }}</button></div>
            <p :role="error ? 'alert' : 'status'" :class="['m-0', error ? 'text-red-800 font-semibold' : 'text-slate-800']">{{ message }}</p>
          </form>
        </li>
      </ol>
      <p v-if="topLevel.length === 0" class="sg-empty m-0">{{ labels.empty }}</p>
    </div>`,
  props: {
    items: Array,
    mode: String,
    labels: Object,
    voted: Array,
    open: Boolean,
    limit: Number,
    titleLimit: Number,
    storageKey: String,
    canWithdraw: Boolean,
  },
  data() {
    const saved = JSON.parse(localStorage.getItem(this.storageKey) || "null");
    return {
      byId: Object.fromEntries((this.items || []).map((item) => [item.id, item])),
      order: "newest",
      drafts: { text: saved?.text || "", title: saved?.title || "", key: saved?.key || null },
      nickname: localStorage.getItem(NICKNAME) || "",
      replyTo: null,
      replyText: "",
      replyKey: null,
      sending: false,
      message: "",
      error: false,
      timer: null,
      confirming: null,
      uid: `thread-${this.$.uid}`,
    };
  },
  computed: {
    topLevel() {
      // a comment its author deleted stays only as the placeholder its replies answer
      const list = Object.values(this.byId).filter(
        (item) => item.parent_id === null && (item.status !== "withdrawn" || (this.replies[item.id] || []).length));
      if (this.order === "top") list.sort((a, b) => b.votes - a.votes || b.id - a.id);
      else list.sort((a, b) => b.id - a.id);
      return list;
    },
    replies() {
      const grouped = {};
      for (const item of Object.values(this.byId)) {
        if (item.parent_id !== null) (grouped[item.parent_id] = grouped[item.parent_id] || []).push(item);
      }
      for (const list of Object.values(grouped)) list.sort((a, b) => a.id - b.id);
      return grouped;
    },
  },
  watch: {
    drafts: {
      deep: true,
      handler(value) {
        if (value.text || value.title) localStorage.setItem(this.storageKey, JSON.stringify(value));
        else localStorage.removeItem(this.storageKey);
      },
    },
    nickname(value) {
      localStorage.setItem(NICKNAME, value);
    },
  },
  methods: {
    counter(text) {
      return this.labels.counter.replace("{count}", (text || "").length).replace("{limit}", this.limit);
    },
    toggleReply(id) {
      this.replyTo = this.replyTo === id ? null : id;
      this.replyText = "";
      this.replyKey = null;
      this.message = "";
      if (this.replyTo !== null) this.$nextTick(() => this.focusIn(id, ".sg-reply-form textarea"));
    },
    closeReply() {
      // Escape: the form goes, and the keyboard focus goes back to the item's reply button
      const id = this.replyTo;
      this.replyTo = null;
      this.message = "";
      this.$nextTick(() => this.focusIn(id, ".sg-reply"));
    },
    focusIn(id, selector) {
      const target = this.$el.querySelector(`li[data-id="${id}"] ${selector}`);
      if (target) target.focus();
    },
    newKey() {
      return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
    },
    submit(parentId) {
      if (this.sending) return;
      let payload;
      if (parentId === null) {
        if (!this.drafts.key) this.drafts.key = this.newKey();
        payload = { text: this.drafts.text, title: this.drafts.title, key: this.drafts.key, parent_id: null };
      } else {
        if (!this.replyKey) this.replyKey = this.newKey();
        payload = { text: this.replyText, key: this.replyKey, parent_id: parentId };
      }
      payload.nickname = this.nickname;
      if (!window.socket || !window.socket.connected) {
        this.message = this.labels.offline;
        this.error = true;
        if (window.socket) window.socket.once("connect", () => setTimeout(() => this.submit(parentId), 300));
        return;
      }
      this.sending = true;
      this.$emit("send", payload);
      this.timer = setTimeout(() => { if (this.sending) { this.sending = false; this.message = this.labels.offline; this.error = true; } }, 8000);
    },
    done(result) {
      clearTimeout(this.timer);
      this.sending = false;
      this.message = result.message;
      this.error = !result.ok;
      if (!result.ok) return;
      if (result.parent_id === null || result.parent_id === undefined) {
        this.drafts = { text: "", title: "", key: null };
      } else {
        // the form goes; the focus (then on its send button) must not fall back to the page
        const hadFocus = this.$el.querySelector(".sg-reply-form")?.contains(document.activeElement);
        this.replyText = "";
        this.replyKey = null;
        this.replyTo = null;
        if (hadFocus) this.$nextTick(() => this.focusIn(result.parent_id, ".sg-reply"));
      }
    },
    upsert(item) {
      const card = this.$el.querySelector(`li[data-id="${item.id}"]`);
      const hadFocus = item.status === "withdrawn" && card && card.contains(document.activeElement);
      this.byId = { ...this.byId, [item.id]: item };
      if (item.status === "withdrawn" && this.confirming === item.id) this.confirming = null;
      if (hadFocus) this.$nextTick(() => this.$refs.list && this.$refs.list.focus());
    },
    remove(id) {
      // a keyboard user who just deleted this item must not be left on a vanished button
      const card = this.$el.querySelector(`li[data-id="${id}"]`);
      const hadFocus = card && card.contains(document.activeElement);
      const { [id]: _, ...rest } = this.byId;
      this.byId = rest;
      if (this.confirming === id) this.confirming = null;
      if (hadFocus) this.$nextTick(() => this.$refs.list && this.$refs.list.focus());
    },
    replace(items) {
      this.byId = Object.fromEntries(items.map((item) => [item.id, item]));
      this.confirming = null;
    },
    askDelete(id) {
      this.confirming = id;
      this.$nextTick(() => this.$el.querySelector(`[data-delete-yes="${id}"]`)?.focus());
    },
    cancelDelete(id) {
      if (this.confirming !== id) return;
      this.confirming = null;
      this.$nextTick(() => this.$el.querySelector(`[data-delete="${id}"]`)?.focus());
    },
  },
};
