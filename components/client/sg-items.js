// What the live lists share (the wall's list and a result's comments and proposals): the items
// kept by id in the browser, their order, the support button and the delete-with-confirmation of
// one's own contribution. Text is rendered with {{ }} only: Vue escapes it, so no participant
// text is ever HTML.

/** `items` as an object by id: an upsert replaces one entry, nothing is rebuilt. */
export function byIdOf(items) {
  return Object.fromEntries((items || []).map((item) => [item.id, item]));
}

/** `items` newest first, or by support ("top"), then newest. */
export function ordered(items, order) {
  const list = [...items];
  if (order === "top") list.sort((a, b) => b.votes - a.votes || b.id - a.id);
  else list.sort((a, b) => b.id - a.id);
  return list;
}

/** Mixin: `byId` from the prop `items`, and the server's `remove` and `replace`.
 *
 * The list element needs `ref="list"` and `tabindex="-1"`, each card `data-id`: a keyboard user
 * whose card vanishes is put on the list instead of being dropped to the page.
 */
export const keptItems = {
  data() {
    return { byId: byIdOf(this.items) };
  },
  methods: {
    cardHasFocus(id) {
      const card = this.$el.querySelector(`li[data-id="${id}"]`);
      return Boolean(card && card.contains(document.activeElement));
    },
    focusListLater() {
      this.$nextTick(() => this.$refs.list && this.$refs.list.focus());
    },
    remove(id) {
      const hadFocus = this.cardHasFocus(id);
      const { [id]: _, ...rest } = this.byId;
      this.byId = rest;
      if (hadFocus) this.focusListLater();
    },
    replace(items) {
      this.byId = byIdOf(items);
    },
  },
};

/** The support button of one item: pressed once this browser supported it. On one's own item
 * (`mine`, marked by the server for the author's tab alone) only the count: nobody supports
 * themselves (the service refuses it too). `countLabel` names that count for screen readers. */
export const VoteButton = {
  props: { item: Object, label: String, pressed: Boolean, disabled: Boolean, countLabel: String },
  emits: ["vote"],
  template: `
    <span v-if="item.mine" class="sg-own-votes"><span class="sr-only">{{ countLabel || label }}: </span><span
          aria-hidden="true">▲</span> <span class="sg-votes">{{ item.votes }}</span></span>
    <button v-else type="button" class="sg-vote rounded border" :disabled="disabled"
            :aria-pressed="pressed ? 'true' : 'false'" :aria-label="label + ': ' + item.votes" @click="$emit('vote', item.id)">
      <span aria-hidden="true">▲</span> <span class="sg-votes">{{ item.votes }}</span>
    </button>`,
};

/** The city's official answer under a contribution (features.answers): the status in words, not
 * only a colour, and the text; both as text ({{ }}), never HTML. `labels.official` holds the
 * heading and the status names. */
export const OfficialAnswer = {
  props: { item: Object, labels: Object },
  template: `
    <div v-if="item.official_status && labels.official" class="sg-official mt-2 rounded border-l-4 p-2">
      <p class="sg-official-status m-0 font-semibold">{{ labels.official.heading }}: {{
        labels.official.statuses[item.official_status] }}</p>
      <p v-if="item.official_text" class="sg-official-text m-0 whitespace-pre-line break-words">{{ item.official_text }}</p>
    </div>`,
};

/** "Delete" for the author's own item: asks first; Escape or "no" goes back to the button. */
export const OwnDelete = {
  props: { itemId: Number, labels: Object },
  emits: ["confirm"],
  data() {
    return { asking: false, questionId: `own-delete-${this.$.uid}` };
  },
  template: `
    <div class="sg-own flex flex-wrap gap-3 items-center" @keydown.esc="cancel">
      <button v-if="!asking" ref="ask" type="button" class="sg-delete text-sm underline" :data-delete="itemId"
              @click="ask">{{ labels.delete }}</button>
      <template v-else>
        <span :id="questionId" class="text-sm font-semibold">{{ labels.delete_question }}</span>
        <button ref="yes" type="button" class="sg-delete-yes rounded border px-3 py-1 text-sm" :data-delete-yes="itemId"
                :aria-describedby="questionId" @click="$emit('confirm', itemId)">{{ labels.delete_yes }}</button>
        <button type="button" class="sg-delete-no rounded border px-3 py-1 text-sm" @click="cancel">{{ labels.delete_no }}</button>
      </template>
    </div>`,
  methods: {
    ask() {
      this.asking = true;
      this.$nextTick(() => this.$refs.yes && this.$refs.yes.focus());
    },
    cancel() {
      if (!this.asking) return;
      this.asking = false;
      this.$nextTick(() => this.$refs.ask && this.$refs.ask.focus());
    },
  },
};
