// Comments (with one level of replies) or proposals on one result, kept in the browser.
// The server sends each new or changed item once (upsert); nothing is rebuilt to show one item.
// Text is rendered with {{ }} only: Vue escapes it, so no participant text is ever HTML.
// The forms keep their drafts and wait for a lost connection like the wall's (sg-forms); the
// items, their order, support and delete buttons are the wall list's (sg-items).
// Keyboard: the reply form takes the focus when it opens and gives it back to its button.
import { NicknameField, keepDraft, loadDraft, newKey, rememberedNickname, sendWhenConnected } from "sg-forms";
import { OfficialAnswer, OwnDelete, VoteButton, keptItems, ordered } from "sg-items";

export default {
  components: { NicknameField, OfficialAnswer, OwnDelete, VoteButton },
  mixins: [keptItems, rememberedNickname, sendWhenConnected],
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
        <nickname-field v-model="nickname" :label="labels.nickname"></nickname-field>
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
          <official-answer :item="item" :labels="labels"></official-answer>
          <p v-if="item.status === 'pending'" class="sg-pending-note m-0 text-sm font-semibold">{{ labels.pending }}</p>
          <div v-if="item.status === 'published'" class="mt-2 flex flex-wrap gap-3 items-center">
            <vote-button class="px-3 py-1" :item="item" :label="labels.vote" :pressed="voted.includes(item.id)"
                         :disabled="!open" @vote="$emit('vote', $event)"></vote-button>
            <button v-if="open && mode === 'comments'" type="button" class="sg-reply underline"
                    :aria-expanded="replyTo === item.id ? 'true' : 'false'" @click="toggleReply(item.id)">{{ labels.reply }}</button>
          </div>
          <own-delete v-if="canWithdraw && item.mine" class="mt-2" :item-id="item.id" :labels="labels"
                      @confirm="$emit('withdraw', $event)"></own-delete>
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
              <official-answer :item="reply" :labels="labels"></official-answer>
              <p v-if="reply.status === 'pending'" class="sg-pending-note m-0 text-sm font-semibold">{{ labels.pending }}</p>
              <vote-button v-if="reply.status === 'published'" class="px-2 mt-1 text-sm" :item="reply" :label="labels.vote"
                           :pressed="voted.includes(reply.id)" :disabled="!open" @vote="$emit('vote', $event)"></vote-button>
              <own-delete v-if="canWithdraw && reply.mine" class="mt-1" :item-id="reply.id" :labels="labels"
                          @confirm="$emit('withdraw', $event)"></own-delete>
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
    const saved = loadDraft(this.storageKey);
    const reply = loadDraft(this.replyStorageKey());
    const replyOpen = Boolean(reply && this.open && (this.items || []).some((item) => item.id === reply.parent_id));
    return {
      order: "newest",
      drafts: { text: saved?.text || "", title: saved?.title || "", key: saved?.key || null },
      replyTo: replyOpen ? reply.parent_id : null,
      replyText: replyOpen ? reply.text : "",
      replyKey: replyOpen ? reply.key : null,
      message: saved?.text || saved?.title || replyOpen ? this.labels.restored : "",
      uid: `thread-${this.$.uid}`,
    };
  },
  computed: {
    topLevel() {
      // a comment its author deleted stays only as the placeholder its replies answer
      const list = Object.values(this.byId).filter(
        (item) => item.parent_id === null && (item.status !== "withdrawn" || (this.replies[item.id] || []).length));
      return ordered(list, this.order);
    },
    replies() {
      const grouped = {};
      for (const item of Object.values(this.byId)) {
        if (item.parent_id !== null) (grouped[item.parent_id] = grouped[item.parent_id] || []).push(item);
      }
      for (const list of Object.values(grouped)) list.sort((a, b) => a.id - b.id);
      return grouped;
    },
    replyDraft() {
      // a closed reply form keeps nothing: its text is forgotten as it is on screen
      return { parent_id: this.replyTo, text: this.replyTo === null ? "" : this.replyText, key: this.replyKey };
    },
  },
  watch: {
    drafts: {
      deep: true,
      handler(value) {
        keepDraft(this.storageKey, value);
      },
    },
    replyDraft(value) {
      keepDraft(this.replyStorageKey(), value);
    },
  },
  methods: {
    replyStorageKey() {
      return `${this.storageKey}-reply`;
    },
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
    submit(parentId) {
      if (this.sending) return;
      let payload;
      if (parentId === null) {
        if (!this.drafts.key) this.drafts.key = newKey();
        payload = { text: this.drafts.text, title: this.drafts.title, key: this.drafts.key, parent_id: null };
      } else {
        if (this.replyTo !== parentId) return; // the reply waiting to be re-sent was closed meanwhile
        if (!this.replyKey) this.replyKey = newKey();
        payload = { text: this.replyText, key: this.replyKey, parent_id: parentId };
      }
      payload.nickname = this.nickname;
      this.sendOrWait(parentId ?? "top", payload, () => this.submit(parentId));
    },
    done(result) {
      if (result.ok && (result.parent_id === null || result.parent_id === undefined)) {
        this.drafts = { text: "", title: "", key: null };
      } else if (result.ok) {
        // the form goes; the focus (then on its send button) must not fall back to the page
        const hadFocus = this.$el.querySelector(".sg-reply-form")?.contains(document.activeElement);
        this.replyText = "";
        this.replyKey = null;
        this.replyTo = null;
        if (hadFocus) this.$nextTick(() => this.focusIn(result.parent_id, ".sg-reply"));
      }
      this.answered(result);
    },
    upsert(item) {
      const hadFocus = item.status === "withdrawn" && this.cardHasFocus(item.id);
      this.byId = { ...this.byId, [item.id]: item };
      if (hadFocus) this.focusListLater();
    },
  },
};
