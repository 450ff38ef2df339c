// The sandbox page's behaviour: live refresh, forms posted in the background, the modal
// dialog, the slash-command composer with its command list and autocomplete, and the small
// things (tabs, colours, the phone-width toggles). Plain ES module, no framework.
import { listen, post, refresh } from "./web/live.js";

const body = document.body;
const channelUrl = body.dataset.channelUrl || null;
const regionsUrl = channelUrl ? `${channelUrl}/regions` : null;

// ------------------------------------------------------------------ painting
// Colours come from Discord data (embed and role colours). The CSP forbids style attributes
// in the markup, so they arrive as data-colour and are applied here through the CSSOM.
function paint(root = document) {
  for (const el of root.querySelectorAll("[data-colour]")) {
    el.style.setProperty("--colour", el.dataset.colour);
  }
  for (const el of root.querySelectorAll("[data-colour-text]")) {
    el.style.color = el.dataset.colourText;
  }
}

function messagesBox() {
  return document.querySelector('[data-region="messages"]');
}

function nearBottom() {
  const box = messagesBox();
  return !box || box.scrollHeight - box.scrollTop - box.clientHeight < 80;
}

function scrollToBottom() {
  const box = messagesBox();
  if (box) box.scrollTop = box.scrollHeight;
}

function showModal() {
  const dialog = document.querySelector("dialog[data-modal]");
  if (dialog && !dialog.open) {
    dialog.showModal();
    const first = dialog.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
  }
}

function afterUpdate() {
  paint();
  showModal();
  counters();
}

async function refreshNow() {
  if (!regionsUrl) return;
  const stick = nearBottom();
  await refresh(regionsUrl, { onUpdated: afterUpdate });
  if (stick) scrollToBottom();
}

// ----------------------------------------------------------------- actions
// Forms marked data-act (buttons, selects, dismiss, reload) are posted in the background;
// the answer shows up through the live refresh.
async function act(form, submitter) {
  const data = new FormData(form, submitter);
  const url = (submitter && submitter.getAttribute("formaction")) || form.action;
  form.classList.add("busy");
  if (submitter) submitter.disabled = true;
  try {
    const response = await post(url, data);
    if (response.redirected) window.location.assign(response.url);
  } finally {
    form.classList.remove("busy");
    if (submitter && submitter.isConnected) submitter.disabled = false;
    const details = form.querySelector("details[open]");
    if (details) details.open = false;
    await refreshNow();
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  const confirmText = form.dataset.confirm;
  if (confirmText && !window.confirm(confirmText)) {
    event.preventDefault();
    return;
  }
  if (form.matches("[data-act]")) {
    event.preventDefault();
    act(form, event.submitter);
  } else if (form.matches(".modal-form")) {
    event.preventDefault();
    submitModal(form, event.submitter);
  } else if (form.matches("#composer")) {
    event.preventDefault();
    sendComposer(form);
  }
});

document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select) select.form.requestSubmit();
});

document.addEventListener("toggle", (event) => {
  // One open dropdown at a time, like the client.
  const opened = event.target;
  if (!(opened instanceof HTMLDetailsElement) || !opened.open) return;
  for (const other of document.querySelectorAll("details.dropdown[open]")) {
    if (other !== opened) other.open = false;
  }
}, true);

// ------------------------------------------------------------------- modal
async function submitModal(form, submitter) {
  const dialog = form.closest("dialog");
  const url = (submitter && submitter.getAttribute("formaction")) || form.action;
  const data = new FormData(form);
  dialog.close();
  dialog.remove();
  await post(url, data);
  await refreshNow();
}

document.addEventListener("cancel", (event) => {
  // Escape closes the modal: tell the page, which tells the bot nothing (as Discord).
  const dialog = event.target;
  if (!(dialog instanceof HTMLDialogElement) || !dialog.matches("[data-modal]")) return;
  event.preventDefault();
  const cancel = dialog.querySelector("[data-modal-cancel]");
  submitModal(dialog.querySelector("form"), cancel);
}, true);

function counters(root = document) {
  for (const field of root.querySelectorAll("[data-count]")) {
    const counter = field.closest(".field")?.querySelector("[data-counter]");
    if (counter) counter.textContent = String(field.value.length);
  }
}

document.addEventListener("input", (event) => {
  if (event.target.matches("[data-count]")) counters(event.target.closest(".field"));
});

// ---------------------------------------------------------------- composer
const composer = document.querySelector("#composer");
const text = composer?.querySelector("textarea");
const menu = composer?.querySelector("[data-command-menu]");
const commandForm = composer?.querySelector("[data-command-form]");
const row = composer?.querySelector("[data-composer-row]");
let commands = null; // the command list fragment, fetched when "/" is first typed
let active = -1;

function inCommand() {
  return commandForm && !commandForm.hidden;
}

async function sendComposer(form) {
  if (inCommand()) {
    const run = commandForm.querySelector("[data-slash-submit]");
    if (run) run.disabled = true;
    const response = await post(form.dataset.slash, new FormData(form));
    closeCommand();
    if (response.ok && text) text.value = "";
  } else {
    if (!text.value.trim() || text.dataset.canSend !== "true") return;
    const data = new FormData(form);
    text.value = "";
    await post(form.action, data);
  }
  await refreshNow();
  scrollToBottom();
}

async function commandEntries() {
  if (!commands) {
    const response = await fetch(composer.dataset.commands, { credentials: "same-origin" });
    commands = await response.text();
  }
  return commands;
}

async function showMenu() {
  const typed = text.value.trim().toLowerCase();
  menu.innerHTML = "";
  const fragment = new DOMParser().parseFromString(await commandEntries(), "text/html");
  const list = fragment.querySelector("ul");
  if (!list) return;
  for (const item of [...list.querySelectorAll("[data-command-key]")]) {
    const shown = item.dataset.shown.toLowerCase();
    if (!shown.startsWith(typed) && !shown.includes(typed.slice(1))) item.closest("li").remove();
  }
  menu.append(document.importNode(list, true));
  menu.hidden = false;
  active = -1;
}

function hideMenu() {
  if (menu) {
    menu.hidden = true;
    menu.innerHTML = "";
  }
}

async function openCommand(key) {
  hideMenu();
  const url = `${composer.dataset.command}?command=${encodeURIComponent(key)}`;
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) return;
  const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
  commandForm.replaceChildren(...[...fragment.body.childNodes].map((n) => document.importNode(n, true)));
  commandForm.hidden = false;
  row.hidden = true;
  const first = commandForm.querySelector("input:not([type=hidden]), select");
  if (first) first.focus();
}

function closeCommand() {
  if (!commandForm) return;
  commandForm.hidden = true;
  commandForm.replaceChildren();
  row.hidden = false;
  if (text) {
    text.value = "";
    text.focus();
  }
}

if (composer) {
  text.addEventListener("input", () => {
    if (text.value.startsWith("/")) showMenu();
    else hideMenu();
  });
  text.addEventListener("keydown", (event) => {
    const items = menu.hidden ? [] : [...menu.querySelectorAll("[data-command-key]")];
    if (items.length && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach((item, index) => item.classList.toggle("active", index === active));
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (items.length) openCommand(items[Math.max(active, 0)].dataset.commandKey);
      else composer.requestSubmit();
    } else if (event.key === "Escape") {
      hideMenu();
    }
  });
  composer.addEventListener("click", (event) => {
    const pick = event.target.closest("[data-command-key]");
    if (pick) openCommand(pick.dataset.commandKey);
    if (event.target.closest("[data-slash-cancel]")) closeCommand();
    const suggestion = event.target.closest("[data-choice-value]");
    if (suggestion) choose(suggestion);
  });
  composer.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && inCommand()) closeCommand();
  });
  composer.addEventListener("input", (event) => {
    const field = event.target.closest("[data-autocomplete-for]");
    if (field) {
      hiddenFor(field).value = field.value;
      suggestSoon(field);
    }
  });
  composer.addEventListener("focusin", (event) => {
    const field = event.target.closest("[data-autocomplete-for]");
    if (field) suggestSoon(field);
  });
}

// ------------------------------------------------------------ autocomplete
let suggestTimer = null;

function hiddenFor(field) {
  return field.parentElement.querySelector(`input[type=hidden][name="opt:${CSS.escape(field.dataset.autocompleteFor)}"]`);
}

function suggestSoon(field) {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(() => suggest(field), 150);
}

async function suggest(field) {
  const data = new FormData(composer);
  data.set("focused", field.dataset.autocompleteFor);
  const response = await post(composer.dataset.autocomplete, data);
  if (!response.ok) return;
  const { choices } = await response.json();
  const box = field.parentElement.querySelector("[data-suggestions]");
  box.replaceChildren();
  for (const choice of choices) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "suggestion";
    button.textContent = choice.name;
    button.dataset.choiceValue = choice.value;
    box.append(button);
  }
  box.hidden = choices.length === 0;
}

function choose(button) {
  const box = button.closest("[data-suggestions]");
  const field = box.parentElement.querySelector("[data-autocomplete-for]");
  field.value = button.textContent;
  hiddenFor(field).value = button.dataset.choiceValue;
  box.hidden = true;
}

// -------------------------------------------------------------- the chrome
document.addEventListener("click", (event) => {
  const tab = event.target.closest("[data-tab]");
  if (tab) {
    for (const other of document.querySelectorAll("[data-tab]")) {
      other.setAttribute("aria-selected", String(other === tab));
    }
    for (const panel of document.querySelectorAll("[data-tab-panel]")) {
      panel.hidden = panel.dataset.tabPanel !== tab.dataset.tab;
    }
  }
  const toggle = event.target.closest("[data-toggle]");
  if (toggle) body.classList.toggle(`show-${toggle.dataset.toggle}`);
});

paint();
counters();
showModal();
scrollToBottom();
if (regionsUrl) listen(body.dataset.events, () => refreshNow());
body.dataset.ready = "true";
