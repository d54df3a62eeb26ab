// The live list of contributions. The server sends each new or changed item once (upsert) and the
// browser keeps the visible list: nothing is rebuilt on the server to show one new post.
// Text is rendered with {{ }} only: Vue escapes it, so no participant text is ever HTML.
// A flagged post's button says so with aria-disabled, not disabled: a disabled button would
// drop the keyboard focus to the page the moment the flag is stored.
// On the wall it also holds the filter and the order (`choices`): native controls drawn by the
// browser instead of two Quasar elements per tab on the server; a change is one "choose" event.
// The items, their order, support and delete buttons are shared with a result's thread (sg-items).
//
// New posts on the wall (not the hall screen) that arrive while the viewer has scrolled away from
// the newest posts, or while focus is in a form (writing a post), are held back instead of pushing
// the page: a pill "3 neue Beiträge" (a real button) shows how many, and shows them when pressed
// (focus on the newest, scrolled into view). Screen readers hear ONE polite hint when the pill
// appears; later arrivals only change the button's text, which is read when it is reached, so a
// busy wall does not talk over what the person is reading or typing. When the viewer is back at
// the top and not writing, held posts simply appear, and new ones appear as they come.
import { OfficialAnswer, OwnDelete, VoteButton, byIdOf, keptItems, ordered } from "sg-items";

// how far the newest post may be scrolled above the visible area before the viewer counts as away
const AWAY = 48;
// after the pill showed the held posts, the list's own live region stays quiet this long: focus
// already takes the reader to them, the additions need not be read a second time
const QUIET_MS = 1500;

/** The nearest ancestor that scrolls (a column beside a player), or null for the window. */
function scrollParent(element) {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}

export default {
  components: { OfficialAnswer, OwnDelete, VoteButton },
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
      <div v-if="variant === 'wall'" class="sg-new-dock">
        <button v-if="heldCount" type="button" class="sg-new-posts" @click="showHeld">
          <span aria-hidden="true">↑</span> {{ pillText }}</button>
      </div>
      <p v-if="variant === 'wall'" class="sr-only" role="status" aria-live="polite" aria-atomic="true"
         data-sg-announce>{{ announcement }}</p>
      <ol ref="list" tabindex="-1" class="sg-list list-none p-0 m-0 flex flex-col gap-3"
          :aria-live="variant === 'screen' || quiet ? 'off' : 'polite'" aria-relevant="additions" :aria-label="labels.list">
        <li v-for="item in visible" :key="item.id" :data-id="item.id" :tabindex="variant === 'wall' ? -1 : null"
            :class="['sg-card rounded', variant === 'screen' ? 'sg-screen-card' : 'bg-white shadow-sm p-4',
                     item.status === 'pending' ? 'sg-pending' : '', item.status === 'rejected' ? 'sg-rejected' : '',
                     item.highlighted ? 'sg-highlighted' : '']">
          <div class="sg-meta flex flex-wrap gap-x-2 text-sm">
            <span class="font-semibold">{{ item.nickname || labels.anonymous }}</span>
            <span>{{ item.time }}</span>
            <span v-if="item.channel === 'hall'">{{ labels.hall }}</span>
            <span v-if="variant === 'screen' && agendaTitles[item.agenda_item_id]">{{ agendaTitles[item.agenda_item_id] }}</span>
            <span v-if="variant === 'screen' && labels.supporters" class="sg-screen-votes">{{
              labels.supporters.replace('{count}', item.votes) }}</span>
          </div>
          <div v-if="variant === 'wall' && (agendaTitles[item.agenda_item_id] || item.answered)"
               class="flex flex-wrap gap-2 my-1">
            <span v-if="agendaTitles[item.agenda_item_id]" class="sg-about"><span class="sg-about-label">{{ labels.about
              }}:</span> {{ agendaTitles[item.agenda_item_id] }}</span>
            <span v-if="item.answered" class="sg-answered"><span aria-hidden="true">✓</span> {{ labels.answered }}</span>
          </div>
          <p class="sg-text m-0 whitespace-pre-line break-words">{{ item.text }}</p>
          <official-answer :item="item" :labels="labels"></official-answer>
          <p v-if="item.status === 'pending'" class="sg-pending-note m-0 text-sm font-semibold">{{ labels.pending }}</p>
          <p v-if="item.status === 'rejected'" class="sg-rejected-note m-0 text-sm font-semibold">{{ labels.rejected
            }}<template v-if="labels.reasons && labels.reasons[item.reason]">: {{ labels.reasons[item.reason] }}</template></p>
          <div v-if="variant === 'wall' && item.status === 'published'" class="mt-2 flex gap-3 items-center">
            <vote-button class="px-3 py-1" :item="item" :label="labels.vote" :count-label="labels.own_votes"
                         :pressed="voted.includes(item.id)" @vote="$emit('vote', $event)"></vote-button>
            <button v-if="canFlag && !item.mine" type="button" class="sg-flag text-sm underline"
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
      held: {}, // new posts kept back behind the pill, by id
      announcement: "",
      quiet: false,
    };
  },
  mounted() {
    if (this.variant !== "wall") return;
    // back at the newest posts and not writing: what was held appears by itself
    this.releaseIfBack = () => {
      if (this.heldCount && !this.writing() && !this.scrolledAway()) this.release(false);
    };
    window.addEventListener("scroll", this.releaseIfBack, { passive: true, capture: true });
    document.addEventListener("focusin", this.releaseIfBack);
  },
  unmounted() {
    if (!this.releaseIfBack) return;
    window.removeEventListener("scroll", this.releaseIfBack, { capture: true });
    document.removeEventListener("focusin", this.releaseIfBack);
    clearTimeout(this.quietTimer);
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
    heldCount() {
      return Object.keys(this.held).length;
    },
    pillText() {
      const count = this.heldCount;
      return count === 1 ? this.labels.new_posts_one : (this.labels.new_posts_many || "").replace("{count}", count);
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
      if (item.id in this.held) {
        this.held = { ...this.held, [item.id]: item }; // changed while held: keep the newest state
        return;
      }
      const isNew = !(item.id in this.byId);
      if (isNew && this.shouldHold(item)) {
        this.hold(item);
        return;
      }
      if (isNew && this.heldCount) this.release(false); // the viewer is back: everything in order
      this.byId = { ...this.byId, [item.id]: item };
      this.trim();
    },
    append(items) {
      const held = {};
      const shown = {};
      for (const item of items || []) (item.id in this.held ? held : shown)[item.id] = item;
      if (Object.keys(held).length) this.held = { ...this.held, ...held };
      this.byId = { ...this.byId, ...shown };
    },
    replace(items) {
      this.held = {};
      this.announcement = "";
      this.byId = byIdOf(items);
    },
    remove(id) {
      if (id in this.held) {
        const { [id]: _, ...rest } = this.held;
        this.held = rest;
        if (!this.heldCount) this.announcement = "";
        return;
      }
      keptItems.methods.remove.call(this, id);
    },
    shouldHold(item) {
      return this.variant === "wall" && item.status === "published" && !item.mine && this.sort !== "top"
        && (this.writing() || this.scrolledAway());
    },
    writing() {
      const active = document.activeElement;
      return Boolean(active && active.closest && active.closest("form") && !this.$el.contains(active));
    },
    scrolledAway() {
      const list = this.$refs.list;
      if (!list) return false;
      const scroller = scrollParent(list);
      const viewTop = scroller ? scroller.getBoundingClientRect().top : 0;
      return list.getBoundingClientRect().top < viewTop - AWAY;
    },
    hold(item) {
      const first = !this.heldCount;
      this.held = { ...this.held, [item.id]: item };
      if (first) this.announcement = this.labels.new_posts_hint; // once per pill, not per post
    },
    showHeld() {
      this.release(true);
    },
    release(moveFocus) {
      const items = Object.values(this.held);
      if (!items.length) return;
      const newest = Math.max(...items.map((item) => item.id));
      this.held = {};
      this.announcement = "";
      this.quiet = true; // the list's live region is off before the posts go in (next render)
      clearTimeout(this.quietTimer);
      this.quietTimer = setTimeout(() => (this.quiet = false), QUIET_MS);
      this.$nextTick(() => {
        this.byId = { ...this.byId, ...byIdOf(items) };
        this.trim();
        if (!moveFocus) return;
        this.$nextTick(() => {
          const card = this.$el.querySelector(`li[data-id="${newest}"]`);
          if (!card) return;
          card.focus({ preventScroll: true });
          card.scrollIntoView({ block: "start" });
        });
      });
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
