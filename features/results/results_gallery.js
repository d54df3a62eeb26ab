// The gallery of results: every card is sent once with the page, filtering by topic happens in the
// browser, and a search asks the server only for the matching ids. Text is rendered with {{ }}.
// The server sends each text in the reader's language; `*_lang` is "de" where German stands in.
export default {
  template: `
    <div class="sg-gallery flex flex-col gap-4">
      <div class="flex flex-col gap-3">
        <form role="search" class="flex flex-col gap-1 max-w-md" @submit.prevent="search">
          <label :for="uid + '-q'" class="font-semibold">{{ labels.search }}</label>
          <input :id="uid + '-q'" v-model="query" type="search" name="q" :placeholder="labels.search_hint"
                 class="sg-input border rounded p-2 bg-white text-black" @input="searchSoon" />
        </form>
        <div class="flex flex-wrap gap-2" role="group" :aria-label="labels.topics">
          <button type="button" class="sg-topic rounded-full border px-3 py-1" :aria-pressed="topic === null ? 'true' : 'false'"
                  @click="choose(null)">{{ labels.all_topics }}</button>
          <button v-for="t in allTopics" :key="t.id" type="button" class="sg-topic rounded-full border px-3 py-1"
                  :aria-pressed="topic === t.id ? 'true' : 'false'" @click="choose(t.id)">
            <span class="inline-block w-3 h-3 rounded-full mr-1 align-middle" :style="{ background: t.colour }" aria-hidden="true"></span><span :lang="t.lang">{{ t.name }}</span>
          </button>
        </div>
        <p class="m-0 text-slate-700" role="status" aria-live="polite">{{ plural('count', visible.length) }}</p>
      </div>
      <ul class="grid gap-4 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3 list-none p-0 m-0">
        <li v-for="card in visible" :key="card.id" :data-id="card.id" class="sg-result-card">
          <a :href="'/results/' + card.id" class="flex flex-col h-full bg-white rounded shadow-sm overflow-hidden no-underline text-slate-900 hover:shadow-md focus-visible:outline focus-visible:outline-4 focus-visible:outline-amber-700">
            <img v-if="card.thumb" :src="card.thumb.thumb_url" :alt="card.thumb.alt" :lang="card.thumb.alt_lang" :width="card.thumb.thumb_width"
                 :height="card.thumb.thumb_height" loading="lazy" decoding="async" class="w-full h-auto aspect-[8/5] object-cover bg-slate-200" />
            <div class="flex flex-col gap-1 p-3 grow" :style="{ borderTop: '6px solid ' + card.colour }">
              <span class="text-sm font-semibold" :style="{ color: card.colour }" :lang="card.topic_lang">{{ card.topic }}</span>
              <h2 class="m-0 text-lg font-semibold leading-snug break-words" :lang="card.title_lang">{{ card.title }}</h2>
              <p class="m-0 text-slate-700 break-words" :lang="card.summary_lang">{{ card.summary }}</p>
              <p class="m-0 mt-auto pt-2 text-sm text-slate-700 flex gap-4">
                <span>{{ plural('comments', card.comments) }}</span>
                <span>{{ plural('proposals', card.proposals) }}</span>
              </p>
            </div>
          </a>
        </li>
      </ul>
      <p v-if="visible.length === 0" class="sg-none m-0">{{ labels.none }}</p>
    </div>`,
  props: {
    cards: Array,
    topics: Array,
    labels: Object,
    initialTopic: Number,
    initialQuery: String,
    initialMatches: Array,
  },
  data() {
    return {
      topic: this.initialTopic ?? null,
      query: this.initialQuery || "",
      matches: this.initialMatches ?? null,
      timer: null,
      uid: `gallery-${this.$.uid}`,
      allCards: this.cards,
      allTopics: this.topics,
    };
  },
  watch: {
    cards(value) { this.allCards = value; },
    topics(value) { this.allTopics = value; },
  },
  computed: {
    visible() {
      const allowed = this.matches === null ? null : new Set(this.matches);
      return this.allCards.filter((card) =>
        (this.topic === null || card.topic_id === this.topic) && (allowed === null || allowed.has(card.id)));
    },
  },
  methods: {
    plural(key, count) {
      return count === 1 ? this.labels[key + "_one"] : this.labels[key].replace("{count}", count);
    },
    choose(topicId) {
      this.topic = topicId;
      this.remember();
    },
    searchSoon() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), 300);
    },
    search() {
      clearTimeout(this.timer);
      this.$emit("search", this.query.trim());
      this.remember();
    },
    setMatches(ids) {
      this.matches = ids;
    },
    setCards(cards, topics) {
      // organisers changed the results (the server sends every card again, encoded once for all tabs)
      this.allCards = cards;
      this.allTopics = topics;
      if (this.topic !== null && !topics.some((t) => t.id === this.topic)) this.topic = null;
      if (this.query.trim()) this.search();  // matches are ids: a new or edited result may match now
    },
    remember() {
      // the address keeps the choice, so back, reload and a shared link show the same cards
      const params = new URLSearchParams();
      if (this.topic !== null) params.set("topic", this.topic);
      if (this.query.trim()) params.set("q", this.query.trim());
      const search = params.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
    },
  },
};
