/* Waarborg assistant: streams the answer into a polite live region.
   Progressive enhancement: without this script the form posts and the page shows the answer.
   Any problem (a refused question, a lost connection) falls back to posting the form. */
(function () {
  "use strict";

  var form = document.getElementById("vraag-formulier");
  var output = document.getElementById("stroom");
  if (!form || !output || !window.fetch || !window.TextDecoder || !window.FormData) {
    return;
  }
  var texts = output.dataset;
  var conversationField = document.getElementById("gesprek");
  var choice = document.getElementById("toepassing");
  var busy = false;
  var started = false; // once the answer shows, a lost connection is reported, not re-posted

  if (choice && conversationField) {
    // Another use case starts another conversation.
    choice.addEventListener("change", function () {
      conversationField.value = "";
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function fallBack() {
    busy = false;
    output.setAttribute("aria-busy", "false");
    if (started) {
      output.appendChild(element("p", "answer__failed", texts.failed));
      return;
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  function sources(article, citations) {
    if (!citations.length) return;
    article.appendChild(element("h4", "", texts.sources));
    var list = element("ol", "sources");
    citations.forEach(function (citation) {
      var item = document.createElement("li");
      item.value = citation.number;
      if (/^https?:/.test(citation.url || "")) {
        var link = element("a", "", citation.title);
        link.href = citation.url;
        link.rel = "noopener noreferrer";
        item.appendChild(link);
      } else {
        item.textContent = citation.title;
      }
      if (citation.page) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(
          element("span", "sources__page", "(" + texts.page.replace("{page}", citation.page) + ")")
        );
      }
      list.appendChild(item);
    });
    article.appendChild(list);
  }

  function feedback(article, final) {
    var template = document.getElementById("feedback-sjabloon");
    if (!template || !final.message_id) return;
    var copy = template.content.cloneNode(true);
    copy.querySelectorAll("[id]").forEach(function (node) {
      node.id = node.id.replace("NIEUW", final.message_id);
    });
    copy.querySelectorAll("label[for]").forEach(function (node) {
      node.htmlFor = node.htmlFor.replace("NIEUW", final.message_id);
    });
    copy.querySelector("[name=gesprek]").value = final.conversation_id || "";
    copy.querySelector("[name=bericht]").value = final.message_id;
    article.appendChild(copy);
  }

  function finish(article, paragraph, final) {
    paragraph.textContent = final.answer; // the verified whole replaces the pieces
    if (final.refused) paragraph.parentNode.classList.add("answer__text--refused");
    if (final.flagged_claims && final.flagged_claims.length) {
      var flagged = element("p", "answer__flagged", texts.flagged + " " + final.flagged_claims.join(" "));
      article.appendChild(flagged);
    }
    sources(article, final.citations || []);
    var label = element("p", "ai-label");
    label.appendChild(element("strong", "", texts.ai));
    label.appendChild(document.createTextNode(" " + final.label));
    article.appendChild(label);
    if (final.message_id) article.id = "bericht-" + final.message_id;
    feedback(article, final);
    if (conversationField && final.conversation_id) conversationField.value = final.conversation_id;
  }

  function parse(block) {
    var event = "message";
    var data = [];
    block.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) event = line.slice(6).trim();
      else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
    });
    return { event: event, data: data.length ? JSON.parse(data.join("\n")) : null };
  }

  async function ask(body, question) {
    var response = await fetch(form.dataset.stream, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "text/event-stream" },
    });
    if (!response.ok || !response.body) {
      fallBack();
      return;
    }
    var asked = element("div", "turn turn--user");
    var line = element("p");
    line.appendChild(element("strong", "", texts.you));
    line.appendChild(document.createTextNode(" " + question));
    asked.appendChild(line);
    var article = element("article", "answer");
    article.appendChild(element("h3", "", texts.answer));
    var box = element("div", "answer__text");
    var paragraph = element("p", "", texts.busy);
    var waiting = true;
    box.appendChild(paragraph);
    article.appendChild(box);
    output.appendChild(asked);
    output.appendChild(article);
    output.setAttribute("aria-busy", "true");
    started = true;

    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    var done = false;
    while (!done) {
      var chunk = await reader.read();
      done = chunk.done;
      buffer += decoder.decode(chunk.value || new Uint8Array(), { stream: !done });
      var end = buffer.indexOf("\n\n");
      while (end !== -1) {
        var message = parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (message.event === "delta") {
          if (waiting) paragraph.textContent = "";
          waiting = false;
          paragraph.textContent += message.data.text;
        } else if (message.event === "final") finish(article, paragraph, message.data);
        end = buffer.indexOf("\n\n");
      }
    }
    output.setAttribute("aria-busy", "false");
    busy = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    var question = form.elements.namedItem("vraag");
    var body = new FormData(form);
    busy = true;
    started = false;
    ask(body, question.value.trim())
      .then(function () {
        question.value = "";
        question.focus();
      })
      .catch(fallBack);
  });
})();
