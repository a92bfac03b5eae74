// The citizen widget's panel (inside the iframe, on Waarborg's own origin).
(function () {
  "use strict";
  var root = document.getElementById("wb-widget");
  var form = document.getElementById("wb-form");
  var input = document.getElementById("wb-question");
  var log = document.getElementById("wb-log");
  var closeButton = document.getElementById("wb-close");
  var key = "waarborg-widget:" + root.dataset.endpoint;
  var state = { session: null, conversation: null };
  try {
    var kept = JSON.parse(window.sessionStorage.getItem(key) || "{}");
    state.session = kept.session || null;
    state.conversation = kept.conversation || null;
  } catch (e) { /* no storage: the session lasts as long as the page */ }

  function keep() {
    try { window.sessionStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* ignore */ }
  }
  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) { p.className = className; }
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
    return p;
  }
  function sources(citations) {
    if (!citations || !citations.length) { return; }
    var heading = document.createElement("p");
    heading.textContent = root.dataset.sources + ":";
    var list = document.createElement("ul");
    citations.forEach(function (citation) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = citation.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "[" + citation.number + "] " + (citation.title || citation.url);
      item.appendChild(link);
      list.appendChild(item);
    });
    log.appendChild(heading);
    log.appendChild(list);
    log.scrollTop = log.scrollHeight;
  }
  function close() { window.parent.postMessage({ type: "waarborg-close" }, "*"); }

  closeButton.addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "waarborg-open") { window.focus(); input.focus(); }
  });
  window.parent.postMessage({ type: "waarborg-ready" }, "*");
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) { return; }
    paragraph(question, "wb-widget__question");
    input.value = "";
    var waiting = paragraph(root.dataset.busy);
    fetch(root.dataset.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      body: JSON.stringify({
        question: question, session: state.session,
        conversation: state.conversation, language: root.dataset.language
      })
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (reply) {
      waiting.remove();
      if (!reply.ok) { paragraph(reply.data.error || root.dataset.error); return; }
      state.session = reply.data.session;
      state.conversation = reply.data.conversation || state.conversation;
      keep();
      paragraph(reply.data.answer);
      sources(reply.data.citations);
    }).catch(function () {
      waiting.remove();
      paragraph(root.dataset.error);
    });
  });
}());
