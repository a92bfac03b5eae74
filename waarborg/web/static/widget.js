// Waarborg citizen widget loader: <script src="https://waarborg.example/widget/ORG/USECASE.js" defer></script>
// It puts a button and an iframe on the page; the chat itself runs inside the iframe.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = script.src.replace(/\.js(\?.*)?$/, "");
  var waarborg = new URL(base).origin;
  var language = (document.documentElement.lang || "nl").slice(0, 2) === "en" ? "en" : "nl";
  var box = document.createElement("div");
  box.className = "waarborg-widget";
  box.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483000;" +
    "display:flex;flex-direction:column;align-items:flex-end;gap:.5rem;font:16px/1.4 system-ui,sans-serif";

  function unavailable() {
    var note = document.createElement("p");
    note.setAttribute("role", "status");
    note.style.cssText = "margin:0;padding:.5rem;background:#fff;color:#1a1a1a;border:1px solid #595959";
    note.textContent = language === "en" ? "The chatbot is not available on this website."
      : "De chatbot is op deze website niet beschikbaar.";
    box.appendChild(note);
    document.body.appendChild(box);
  }

  function build(config) {
    var frame = document.createElement("iframe");
    frame.id = "waarborg-widget-frame";
    frame.title = config.frame_title;
    frame.src = config.frame;
    frame.hidden = true;
    frame.style.cssText = "width:min(380px,calc(100vw - 2rem));height:min(560px,calc(100vh - 5rem));" +
      "border:1px solid #595959;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.25)";
    var button = document.createElement("button");
    button.type = "button";
    button.id = "waarborg-widget-button";
    button.textContent = config.open;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", frame.id);
    button.style.cssText = "font:inherit;padding:.6rem 1rem;background:#01689b;color:#fff;" +
      "border:2px solid #fff;outline-offset:2px;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)";

    // Host pages' CSS does not reach a focus style we can rely on; draw our own.
    button.addEventListener("focus", function () { button.style.outline = "3px solid #1a1a1a"; });
    button.addEventListener("blur", function () { button.style.outline = ""; });

    var ready = false;
    function focusPanel() {
      frame.focus();
      frame.contentWindow.postMessage({ type: "waarborg-open" }, waarborg);
    }
    function open() {
      frame.hidden = false;
      button.setAttribute("aria-expanded", "true");
      if (ready) { focusPanel(); }
    }
    function close() {
      frame.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
    button.addEventListener("click", function () { if (frame.hidden) { open(); } else { close(); } });
    button.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !frame.hidden) { close(); }
    });
    window.addEventListener("message", function (event) {
      if (event.origin !== waarborg || event.source !== frame.contentWindow || !event.data) {
        return;
      }
      if (event.data.type === "waarborg-ready") {
        ready = true;
        if (!frame.hidden) { focusPanel(); }
      } else if (event.data.type === "waarborg-close") { close(); }
    });
    box.appendChild(frame);
    box.appendChild(button);
    document.body.appendChild(box);
  }

  fetch(base + "/instellingen?lang=" + language, { mode: "cors", credentials: "omit" })
    .then(function (response) { if (!response.ok) { throw new Error("refused"); } return response.json(); })
    .then(build, unavailable);
}());
