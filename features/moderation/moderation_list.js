// One list of the moderation console (queue, published, or hidden and rejected). The server sends
// each new or changed post once (upsert / remove); every button emits one 'act' event.
// Participant text is rendered with {{ }} only: Vue escapes it, so a post is never HTML.
// Keyboard: when a decided post leaves the list with the focus on one of its buttons, the focus
// moves to the same button of the next post (or says the list is empty), never back to the page.
const CONTROLS = "button, select, input";

export default {
  template: `
    <div class="sg-mod-list">
      <div v-if="variant === 'queue' && visible.length" class="flex flex-wrap gap-2 mb-3">
        <button type="button" class="sg-mod-btn sg-mod-primary" :aria-disabled="selected.length ? 'false' : 'true'"
                @click="selected.length && bulk(selected)">{{ labels.approve_selected }} ({{ selected.length }})</button>
        <button type="button" class="sg-mod-btn" @click="bulk(visible.map((item) => item.id))">{{ labels.approve_all }}</button>
      </div>
      <ol class="list-none p-0 m-0 flex flex-col gap-3" :aria-label="labels.list">
        <li v-for="item in visible" :key="item.id" :data-id="item.id" class="sg-mod-card bg-white rounded shadow-sm p-3">
          <div class="flex flex-wrap gap-x-3 text-sm text-slate-700">
            <label v-if="variant === 'queue'" class="sg-mod-check flex items-center gap-1">
              <input type="checkbox" :checked="selected.includes(item.id)" @change="toggle(item.id)"
                     :aria-label="labels.select + ' #' + item.id"> #{{ item.id }}
            </label>
            <span v-else>#{{ item.id }}</span>
            <span class="font-semibold">{{ item.nickname || labels.anonymous }}</span>
            <span>{{ item.time }}</span>
            <span v-if="variant === 'queue'" class="sg-mod-waiting">{{ waitingText(item) }}</span>
            <span v-if="item.channel === 'hall'">{{ labels.hall }}</span>
            <span class="sg-mod-votes">{{ supportLabel(item) }}</span>
            <span v-if="kindLabel(item)">{{ kindLabel(item) }}</span>
            <span v-if="item.highlighted" class="sg-mod-flag">{{ labels.highlighted }}</span>
            <span v-if="item.answered" class="sg-mod-flag">{{ labels.answered }}</span>
            <span v-if="item.flags" class="sg-mod-warn">{{ labels.flags.replace('{count}', item.flags) }}</span>
            <span v-if="item.flags" class="sg-mod-flag-why">{{ flagWhy(item) }}</span>
            <span v-if="item.blocked_word" class="sg-mod-warn">{{ labels.blocked_word.replace('{word}', item.blocked_word) }}</span>
            <span v-if="item.status === 'hidden'" class="sg-mod-warn">{{ labels.hidden }}</span>
            <span v-if="item.status === 'rejected'" class="sg-mod-warn">{{ labels.rejected }}<template v-if="item.reason">: {{ reasonLabel(item.reason) }}</template></span>
          </div>
          <p v-if="item.title" class="m-0 font-semibold">{{ item.title }}</p>
          <p class="sg-mod-text m-0 whitespace-pre-line break-words">{{ item.text }}</p>
          <!-- frequent actions first, the destructive ones last in a group of their own, far from them (touch) -->
          <div class="sg-mod-actions mt-2">
            <template v-if="variant === 'queue'">
              <div class="sg-mod-group">
                <button type="button" data-act="approve" class="sg-mod-btn sg-mod-primary" @click="act('approve', item.id)">{{ labels.approve }}</button>
              </div>
              <div class="sg-mod-group sg-mod-destructive">
                <select class="sg-mod-select" data-act="reason" :value="reasonFor[item.id] || reasons[0].value" :aria-label="labels.reason + ' #' + item.id"
                        @change="reasonFor[item.id] = $event.target.value">
                  <option v-for="reason in reasons" :key="reason.value" :value="reason.value">{{ reason.label }}</option>
                </select>
                <button type="button" data-act="reject" class="sg-mod-btn sg-mod-danger" @click="act('reject', item.id, reasonFor[item.id] || reasons[0].value)">{{ labels.reject }}</button>
              </div>
            </template>
            <template v-if="variant === 'published'">
              <div class="sg-mod-group">
                <button type="button" data-act="highlight" class="sg-mod-btn" :aria-pressed="item.highlighted ? 'true' : 'false'"
                        @click="act('highlight', item.id, !item.highlighted)">{{ item.highlighted ? labels.unhighlight : labels.highlight }}</button>
                <button type="button" data-act="answered" class="sg-mod-btn" :aria-pressed="item.answered ? 'true' : 'false'"
                        @click="act('answered', item.id, !item.answered)">{{ labels.answered }}</button>
                <select class="sg-mod-select" data-act="assign" :value="item.agenda_item_id || ''" :aria-label="labels.assign + ' #' + item.id"
                        @change="act('assign', item.id, $event.target.value ? Number($event.target.value) : null)">
                  <option value="">{{ labels.no_item }}</option>
                  <option v-for="agenda in agendaItems" :key="agenda.id" :value="agenda.id">{{ agenda.title }}</option>
                </select>
                <select v-if="item.kind === 'wall' && results.length" class="sg-mod-select" data-act="assign_result" :value="item.result_id || ''"
                        :aria-label="labels.assign_result + ' #' + item.id"
                        @change="act('assign_result', item.id, $event.target.value ? Number($event.target.value) : null)">
                  <option value="">{{ labels.no_result }}</option>
                  <option v-for="result in results" :key="result.id" :value="result.id">{{ result.title }}</option>
                </select>
              </div>
              <div class="sg-mod-group sg-mod-destructive">
                <button type="button" data-act="hide" class="sg-mod-btn sg-mod-danger" @click="act('hide', item.id)">{{ labels.hide }}</button>
              </div>
            </template>
            <div v-if="variant === 'off'" class="sg-mod-group">
              <button type="button" data-act="restore" class="sg-mod-btn" @click="act('restore', item.id)">{{ labels.restore }}</button>
            </div>
          </div>
        </li>
      </ol>
      <p v-if="visible.length === 0" class="sg-mod-empty" tabindex="-1">{{ labels.empty }}</p>
      <button v-if="more" type="button" class="sg-mod-btn mt-3" @click="$emit('more')">{{ labels.more }}</button>
    </div>`,
  props: {
    items: Array,
    variant: String,
    labels: Object,
    reasons: Array,
    agendaItems: Array,
    results: { type: Array, default: () => [] },
    more: Boolean,
    sort: { type: String, default: "newest" },
    // how long a waiting post has waited: the texts of the reader's language (with {age}, {count})
    // and the server's clock, so the card ticks on by itself (features/moderation/queue_ages.py)
    ages: { type: Object, default: () => ({}) },
  },
  data() {
    return {
      byId: Object.fromEntries((this.items || []).map((item) => [item.id, item])),
      selected: [],
      reasonFor: {},
      clockOffset: this.ages && this.ages.now ? this.ages.now - Date.now() : 0,
      tick: Date.now(),
    };
  },
  computed: {
    visible() {
      // the same order as features/moderation/overview.py reads from the database
      const list = Object.values(this.byId);
      const byId = this.variant === "queue" ? (a, b) => a.id - b.id : (a, b) => b.id - a.id;
      if (this.sort === "supported") list.sort((a, b) => (b.votes || 0) - (a.votes || 0) || byId(a, b));
      else if (this.sort === "unanswered") list.sort((a, b) => Number(a.answered) - Number(b.answered) || byId(a, b));
      else list.sort(byId);
      return list;
    },
  },
  mounted() {
    if (this.variant === "queue") this.ticking = setInterval(() => (this.tick = Date.now()), 30000);
  },
  unmounted() {
    clearInterval(this.ticking);
  },
  methods: {
    waitingText(item) {
      const texts = this.ages || {};
      if (!texts.waiting || !item.created_at) return "";
      const seconds = Math.max(0, (this.tick + this.clockOffset - Date.parse(item.created_at)) / 1000);
      const [unit, count] = seconds >= 86400 ? ["days", Math.floor(seconds / 86400)]
        : seconds >= 3600 ? ["hours", Math.floor(seconds / 3600)] : ["minutes", Math.floor(seconds / 60)];
      const age = count === 0 ? texts.moments : texts[`${unit}_${count === 1 ? "one" : "many"}`].replace("{count}", count);
      return texts.waiting.replace("{age}", age);
    },
    append(items) {
      this.byId = { ...Object.fromEntries(items.map((item) => [item.id, item])), ...this.byId };
    },
    upsert(item) {
      this.byId = { ...this.byId, [item.id]: item };
    },
    remove(id) {
      const card = this.$el.querySelector(`li[data-id="${id}"]`);
      const focused = card && card.contains(document.activeElement) ? document.activeElement : null;
      const index = this.visible.findIndex((item) => item.id === id);
      const control = focused ? [...card.querySelectorAll(CONTROLS)].indexOf(focused) : -1;
      const name = focused ? focused.dataset.act : undefined;
      const inList = this.$el.contains(document.activeElement);
      const { [id]: _, ...rest } = this.byId;
      this.byId = rest;
      this.selected = this.selected.filter((other) => other !== id);
      this.$nextTick(() => {
        if (focused) this.refocus(index, control, name);
        else if (inList && !this.$el.contains(document.activeElement)) this.refocus(0, 0);  // e.g. the bulk buttons went
      });
    },
    refocus(index, control, name) {
      const cards = this.$el.querySelectorAll("li[data-id]");
      const card = cards[Math.min(index, cards.length - 1)];
      const controls = card ? [...card.querySelectorAll(CONTROLS)] : [];
      const same = name ? controls.find((other) => other.dataset.act === name) : undefined;
      const target = same || controls[Math.min(Math.max(control, 0), controls.length - 1)] || this.$el.querySelector(".sg-mod-empty");
      if (target) target.focus();
    },
    replace(items) {
      this.byId = Object.fromEntries(items.map((item) => [item.id, item]));
      this.selected = [];
    },
    toggle(id) {
      this.selected = this.selected.includes(id) ? this.selected.filter((other) => other !== id) : [...this.selected, id];
    },
    act(action, id, value = null) {
      this.$emit("act", { action, id, value });
    },
    bulk(ids) {
      this.$emit("act", { action: "approve_many", id: null, value: ids });
      this.selected = [];
    },
    supportLabel(item) {
      return this.labels.support_count.replace("{count}", item.votes || 0);
    },
    kindLabel(item) {
      return item.kind && item.kind !== "wall" ? this.labels["kind_" + item.kind] : "";
    },
    flagWhy(item) {
      // why it was flagged: by how many established browsers from how many addresses, and
      // whether that took it off the wall (it waits in the queue) or only marks it here
      const why = this.labels.flags_why
        .replace("{established}", item.flags_established || 0)
        .replace("{addresses}", item.flag_addresses || 0);
      return `${why} – ${item.status === "pending" ? this.labels.flags_held : this.labels.flags_kept}`;
    },
    reasonLabel(value) {
      const found = this.reasons.find((reason) => reason.value === value);
      return found ? found.label : value;
    },
  },
};
