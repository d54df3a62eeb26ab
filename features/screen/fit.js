// Shrinks the focus post's type until its box no longer overflows (features/screen/fit.py).
export default {
  template: `<span hidden></span>`,
  props: { box: String, text: String, minimum: Number },
  mounted() {
    this.pending = false;
    this.schedule = () => {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.fit(); });
    };
    const screen = document.querySelector(".sg-screen");
    this.observer = new MutationObserver(this.schedule);
    if (screen) this.observer.observe(screen, { attributes: true, attributeFilter: ["class"] });
    const box = document.querySelector(this.box);
    if (box) {
      // the text, its visibility (NiceGUI's display style) and the box's classes; its own font
      // size changes are taken back out of the queue at the end of `fit`
      this.observer.observe(box, {
        attributes: true, attributeFilter: ["style", "class"], childList: true, characterData: true, subtree: true,
      });
    }
    window.addEventListener("resize", this.schedule);
    if (document.fonts) document.fonts.ready.then(this.schedule);
    this.schedule();
  },
  unmounted() {
    if (this.observer) this.observer.disconnect();
    window.removeEventListener("resize", this.schedule);
  },
  methods: {
    fit() {
      const box = document.querySelector(this.box);
      const text = box && box.querySelector(this.text);
      if (!text) return;
      text.style.fontSize = "";
      if (box.offsetParent === null) { this.observer.takeRecords(); return; } // not shown: measured when it is
      const overflows = () => box.scrollHeight > box.clientHeight + 1 || text.scrollHeight > text.clientHeight + 1;
      let size = parseFloat(getComputedStyle(text).fontSize);
      while (overflows() && size > this.minimum) {
        size = Math.max(this.minimum, size * 0.92);
        text.style.fontSize = size + "px";
      }
      box.dataset.fitted = String(Math.round(size));
      this.observer.takeRecords();
    },
  },
};
