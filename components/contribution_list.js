// The live list of contributions. The server sends each new or changed item once (upsert) and the
// browser keeps the visible list: nothing is rebuilt on the server to show one new post.
// Text is rendered with {{ }} only: Vue escapes it, so no participant text is ever HTML.
// A flagged post's button says so with aria-disabled, not disabled: a disabled button would
// drop the keyboard focus to the page the moment the flag is stored.
// On the wall it also holds the filter and the order (`choices`): native controls drawn by the
// browser instead of two Quasar elements per tab on the server; a change is one "choose" event.
// The items, their order, support and delete buttons are shared with a result's thread (sg-items).
import { OwnDelete, VoteButton, byIdOf, keptItems, ordered } from "sg-items";

export default {
  components: { OwnDelete, VoteButton },
  mixins: [keptItems],
  template: `
    <div :class="variant === 'screen' ? 'sg-screen-list' : 'sg-wall-list'">
      <h2 v-if="labels.heading" :id="headingId" class="text-xl font-semibold m-0 mb-3">{{ labels.heading }}</h2>
      <slot></slot>
      <div v-if="choices" class="sg-choices flex flex-wrap gap-4 items-end mb-3">
        <div class="flex flex-col gap-1 max-w-full">
          <label :for="filterDomId" class="text-sm font-semibold">{{ choices.filterLabel }}</label>
          <select :id="filterDomId" v-model="filterId" @change="choose" name="agenda_filter"
                  class="sg-input sg-filter border rounded p-2 bg-white text-black min-w-64 max-w-full">
            <option :value="0">{{ choices.filterAll }}</option>
            <option v-for="option in choices.filterOptions" :key="option.id" :value="option.id">{{ option.title }}</option>
          </select>
        </div>
        <div role="group" :aria-label="choices.sortLabel" class="sg-sort-group flex rounded border overflow-hidden">
          <button v-for="option in choices.sortOptions" :key="option.value" type="button" class="sg-sort px-3 py-2"
                  :aria-pressed="sortChoice === option.value ? 'true' : 'false'" @click="chooseSort(option.value)">
            {{ option.label }}</button>
        </div>
      </div>
      <ol ref="list" tabindex="-1" class="sg-list list-none p-0 m-0 flex flex-col gap-3"
          :aria-live="variant === 'screen' ? 'off' : 'polite'" aria-relevant="additions" :aria-label="labels.list">
        <li v-for="item in visible" :key="item.id" :data-id="item.id"
            :class="['sg-card rounded', variant === 'screen' ? 'sg-screen-card' : 'bg-white shadow-sm p-4',
                     item.status === 'pending' ? 'sg-pending' : '', item.status === 'rejected' ? 'sg-rejected' : '',
                     item.highlighted ? 'sg-highlighted' : '']">
          <div class="sg-meta flex flex-wrap gap-x-2 text-sm">
            <span class="font-semibold">{{ item.nickname || labels.anonymous }}</span>
            <span>{{ item.time }}</span>
            <span v-if="item.channel === 'hall'">{{ labels.hall }}</span>
            <span v-if="agendaTitles[item.agenda_item_id]">{{ agendaTitles[item.agenda_item_id] }}</span>
          </div>
          <p class="sg-text m-0 whitespace-pre-line break-words">{{ item.text }}</p>
          <p v-if="item.status === 'pending'" class="sg-pending-note m-0 text-sm font-semibold">{{ labels.pending }}</p>
          <p v-if="item.status === 'rejected'" class="sg-rejected-note m-0 text-sm font-semibold">{{ labels.rejected
            }}<template v-if="labels.reasons && labels.reasons[item.reason]">: {{ labels.reasons[item.reason] }}</template></p>
          <div v-if="variant === 'wall' && item.status === 'published'" class="mt-2 flex gap-3 items-center">
            <vote-button class="px-3 py-1" :item="item" :label="labels.vote" :pressed="voted.includes(item.id)"
                         @vote="$emit('vote', $event)"></vote-button>
            <button v-if="canFlag" type="button" class="sg-flag text-sm underline"
                    :aria-disabled="(flagged || []).includes(item.id) ? 'true' : 'false'"
                    @click="(flagged || []).includes(item.id) || $emit('flag', item.id)">
              {{ (flagged || []).includes(item.id) ? labels.flagged : labels.flag }}</button>
          </div>
          <own-delete v-if="variant === 'wall' && canWithdraw && item.mine" class="mt-2" :item-id="item.id"
                      :labels="labels" @confirm="$emit('withdraw', $event)"></own-delete>
        </li>
      </ol>
      <p v-if="visible.length === 0" class="sg-empty">{{ labels.empty }}</p>
      <button v-if="hasOlder && variant === 'wall'" type="button" class="sg-older mt-3 underline"
              @click="$emit('load_older', oldestId)">{{ labels.older }}</button>
    </div>`,
  props: {
    items: Array,
    sort: String,
    limit: Number,
    labels: Object,
    variant: String,
    voted: Array,
    hasOlder: Boolean,
    agendaTitles: Object,
    flagged: Array,
    canFlag: Boolean,
    canWithdraw: Boolean,
    choices: Object,
    headingId: String,
  },
  data() {
    return {
      filterId: this.choices ? this.choices.filter || 0 : 0,
      sortChoice: this.sort || "newest",
      filterDomId: `agenda-filter-${this.$.uid}`,
    };
  },
  watch: {
    sort(value) {
      this.sortChoice = value;
    },
  },
  computed: {
    visible() {
      return ordered(Object.values(this.byId), this.sort);
    },
    oldestId() {
      const ids = Object.keys(this.byId).map(Number);
      return ids.length ? Math.min(...ids) : null;
    },
  },
  methods: {
    choose() {
      this.$emit("choose", { agenda_item_id: Number(this.filterId) || 0, sort: this.sortChoice });
    },
    chooseSort(value) {
      if (value === this.sortChoice) return;
      this.sortChoice = value;
      this.choose();
    },
    upsert(item) {
      this.byId = { ...this.byId, [item.id]: item };
      this.trim();
    },
    append(items) {
      this.byId = { ...this.byId, ...byIdOf(items) };
    },
    trim() {
      const list = this.visible;
      if (this.limit && list.length > this.limit) {
        const rest = { ...this.byId };
        for (const item of list.slice(this.limit)) delete rest[item.id];
        this.byId = rest;
      }
    },
  },
};
