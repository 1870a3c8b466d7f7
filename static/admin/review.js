// The review page: choose a name or a quotation in the text (click, Tab,
// or n / p for the next or previous pending name), then decide with a
// button or its key. Each decision is posted alone; the server answers with
// the text as now stored, which replaces the page's live part.
(function () {
  "use strict";
  const root = document.getElementById("review");
  if (!root) return;
  const live = document.getElementById("review-live");
  const status = document.getElementById("review-status");
  const selected = document.getElementById("review-selected");
  const choices = document.getElementById("review-choices");
  const speakers = document.getElementById("review-speakers");
  const searchBox = document.getElementById("review-search");
  const searchInput = document.getElementById("review-search-input");
  const searchResults = document.getElementById("review-search-results");
  const findBox = document.getElementById("review-find");
  const findInput = document.getElementById("review-find-input");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  let current = null; // the chosen mention or quotation element
  let range = null; // the last selection of text in the body: [start, end]

  const body = () => document.getElementById("review-body");
  const mentions = () => Array.from(body().querySelectorAll("button.mention"));
  const pendings = () => mentions().filter((m) => m.dataset.status === "pending");

  function say(message, isError) {
    status.textContent = message || "";
    status.classList.toggle("is-error", Boolean(isError));
  }

  // Offset of (node, offset) in the body's text: the page's text is the
  // body's, character for character.
  function offsetOf(node, offset) {
    const r = document.createRange();
    r.setStart(body(), 0);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  function rememberSelection() {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    if (!body().contains(r.startContainer) || !body().contains(r.endContainer)) return;
    range = [offsetOf(r.startContainer, r.startOffset), offsetOf(r.endContainer, r.endOffset)];
  }

  function choose(el) {
    if (current) current.classList.remove("is-current");
    current = el;
    closeSearch();
    speakers.hidden = true;
    choices.replaceChildren();
    if (!el) {
      selected.textContent = "";
      return;
    }
    el.classList.add("is-current");
    el.focus();
    if (el.classList.contains("quote")) {
      selected.textContent = el.title;
      speakers.hidden = false;
      return;
    }
    selected.textContent = "«\u00a0" + el.textContent + "\u00a0» — " + el.title;
    const people = JSON.parse(el.dataset.candidates || "[]");
    people.slice(0, 9).forEach((p, i) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.personId = p.id;
      const k = document.createElement("kbd");
      k.textContent = String(i + 1);
      b.append(k, " " + p.name);
      li.append(b);
      choices.append(li);
    });
  }

  function step(direction) {
    const list = pendings();
    if (!list.length) {
      document.getElementById("review-next").focus();
      return;
    }
    const at = current ? Number(current.dataset.start) : -1;
    let next;
    if (direction > 0) next = list.find((m) => Number(m.dataset.start) > at) || list[0];
    else next = list.reverse().find((m) => Number(m.dataset.start) < at) || list[0];
    choose(next);
  }

  async function post(fields) {
    const form = new FormData();
    Object.entries(fields).forEach(([k, v]) => form.append(k, v == null ? "" : v));
    let answer;
    try {
      const response = await fetch(root.dataset.actUrl, {
        method: "POST",
        body: form,
        headers: { "X-CSRFToken": csrf },
        credentials: "same-origin",
      });
      answer = await response.json();
    } catch (e) {
      say(root.dataset.msgFailed, true);
      return;
    }
    const at = current ? Number(current.dataset.start) : -1;
    const wasQuote = current && current.classList.contains("quote");
    live.innerHTML = answer.live;
    current = null;
    range = null;
    say(answer.message, !answer.ok);
    // Carry on from where the decision was: the same quotation, or the
    // next pending name after it.
    if (wasQuote) {
      const q = Array.from(body().querySelectorAll(".quote")).find((el) => Number(el.dataset.start) === at);
      if (q) return choose(q);
    }
    const list = pendings();
    const next = list.find((m) => Number(m.dataset.start) >= at) || list[0];
    if (next) choose(next);
    else {
      choose(null);
      document.getElementById("review-next").focus();
    }
  }

  function onMention(action, extra) {
    if (!current || !current.classList.contains("mention")) return say(root.dataset.msgNoMention, true);
    post(Object.assign({
      action: action,
      mention: current.dataset.mentionId,
      start: current.dataset.start,
      end: current.dataset.end,
    }, extra || {}));
  }

  // What to mark: the words selected with the mouse, or (without one)
  // the words typed in the find box, found in the text by the server.
  function onSelection(action) {
    rememberSelection();
    if (!range) return openFind(action);
    mark(action, { start: range[0], end: range[1] });
  }

  function mark(action, where) {
    if (action === "quote") {
      // A speaker is chosen next: 1–9 among those named, 0 for nobody.
      pendingQuote = where;
      speakers.hidden = false;
      const first = speakers.querySelector("button");
      if (first) first.focus();
      return;
    }
    post(Object.assign({ action: action }, where));
  }

  let findingFor = null;
  function openFind(action) {
    findingFor = action;
    findBox.hidden = false;
    findInput.value = "";
    findInput.focus();
  }

  findInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && findInput.value.trim()) {
      e.preventDefault();
      findBox.hidden = true;
      const near = current ? current.dataset.start : 0;
      mark(findingFor, { words: findInput.value, near: near });
    } else if (e.key === "Escape") {
      findBox.hidden = true;
      if (current) current.focus();
    }
  });

  let pendingQuote = null;
  function onSpeaker(personId) {
    if (pendingQuote) {
      const where = pendingQuote;
      pendingQuote = null;
      return post(Object.assign({ action: "quote", person: personId }, where));
    }
    if (!current || !current.classList.contains("quote")) return say(root.dataset.msgNoQuote, true);
    post({ action: "speaker", quote: current.dataset.quoteId, person: personId });
  }

  // Finding someone else: the admin's own autocomplete answers.
  function openSearch() {
    if (!current || !current.classList.contains("mention")) return say(root.dataset.msgNoMention, true);
    searchBox.hidden = false;
    searchInput.value = "";
    searchResults.replaceChildren();
    searchInput.focus();
  }

  function closeSearch() {
    searchBox.hidden = true;
    searchInput.setAttribute("aria-expanded", "false");
  }

  let searchSeq = 0;
  async function search() {
    const term = searchInput.value.trim();
    const seq = ++searchSeq;
    const url = new URL(root.dataset.searchUrl, window.location.href);
    url.search = new URLSearchParams({ app_label: "people", model_name: "mention", field_name: "person", term: term });
    const response = await fetch(url, { credentials: "same-origin" });
    if (seq !== searchSeq) return;
    const data = await response.json();
    searchResults.replaceChildren();
    (data.results || []).slice(0, 9).forEach((p, i) => {
      const li = document.createElement("li");
      li.id = "review-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.dataset.personId = p.id;
      li.textContent = p.text;
      searchResults.append(li);
    });
    if (!searchResults.children.length) {
      const li = document.createElement("li");
      li.textContent = root.dataset.msgNone;
      searchResults.append(li);
    }
    searchInput.setAttribute("aria-expanded", "true");
  }

  function moveResult(by) {
    const items = Array.from(searchResults.querySelectorAll("[role=option]"));
    if (!items.length) return;
    let i = items.findIndex((li) => li.getAttribute("aria-selected") === "true");
    items.forEach((li) => li.setAttribute("aria-selected", "false"));
    i = (i + by + items.length) % items.length;
    items[i].setAttribute("aria-selected", "true");
    searchInput.setAttribute("aria-activedescendant", items[i].id);
  }

  function pickResult(li) {
    if (!li || !li.dataset.personId) return;
    closeSearch();
    onMention("link", { person: li.dataset.personId });
  }

  searchInput.addEventListener("input", search);
  searchInput.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      moveResult(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      pickResult(searchResults.querySelector("[aria-selected=true]"));
    } else if (e.key === "Escape") {
      closeSearch();
      if (current) current.focus();
    }
  });
  searchResults.addEventListener("click", (e) => pickResult(e.target.closest("li")));

  const ACTIONS = {
    confirm: () => onMention("confirm"),
    reject: () => onMention("reject"),
    search: openSearch,
    person: () => onMention("person"),
    notperson: () => onMention("notperson"),
    add: () => onSelection("add"),
    quote: () => onSelection("quote"),
    speaker: () => {
      if (!current || !current.classList.contains("quote")) return say(root.dataset.msgNoQuote, true);
      speakers.hidden = false;
      const first = speakers.querySelector("button");
      if (first) first.focus();
    },
    confirmall: () => post({ action: "confirmall" }),
  };
  const KEYS = { c: "confirm", r: "reject", l: "search", a: "person", x: "notperson", m: "add", q: "quote", s: "speaker" };

  document.addEventListener("selectionchange", rememberSelection);
  // Keep the selection when a button is pressed with the mouse.
  root.addEventListener("mousedown", (e) => {
    if (e.target.closest("[data-do]")) rememberSelection();
  });
  root.addEventListener("click", (e) => {
    const target = e.target.closest("button.mention, .quote, [data-do], [data-person-id], [data-speaker-id]");
    if (!target || (root.dataset.canChange !== "1" && !target.matches("button.mention, .quote"))) return;
    if (target.matches("button.mention, .quote")) return choose(target);
    if (target.dataset.do) return ACTIONS[target.dataset.do]();
    if (target.dataset.speakerId !== undefined) return onSpeaker(target.dataset.speakerId);
    if (target.dataset.personId) return onMention("link", { person: target.dataset.personId });
  });
  body().parentElement.addEventListener("focusin", (e) => {
    const el = e.target.closest("button.mention, .quote");
    if (el && el !== current) choose(el);
  });
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest("input, textarea, select, .select2-container")) return;
    if (e.key === "Escape") {
      closeSearch();
      speakers.hidden = true;
      pendingQuote = null;
      return;
    }
    if (e.key === "n" || e.key === "p") {
      e.preventDefault();
      return step(e.key === "n" ? 1 : -1);
    }
    if (root.dataset.canChange !== "1") return;
    if (/^[0-9]$/.test(e.key)) {
      const list = speakers.hidden ? choices : speakers;
      const buttons = Array.from(list.querySelectorAll("button"));
      const chosen = e.key === "0" ? buttons.find((b) => b.dataset.speakerId === "") : buttons[Number(e.key) - 1];
      if (chosen) {
        e.preventDefault();
        chosen.click();
      }
      return;
    }
    const action = KEYS[e.key];
    if (action) {
      e.preventDefault();
      ACTIONS[action]();
    }
  });

  // Open on the first pending name, ready for its key.
  const first = pendings()[0];
  if (first) choose(first);
})();
