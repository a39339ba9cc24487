// Read-aloud (ADR 0039): shows each question's "Listen" button when this device has a voice of
// its own for the page's language, and on a tap reads the question and its answers with it.
// The device's voices only (no network); nothing starts without a tap (iPad Safari's rule).
// Without this script, or without a fitting voice, the buttons stay hidden.
(function () {
  var synth = window.speechSynthesis;
  var buttons = document.querySelectorAll("button.ra");
  var label = document.getElementById("listen-label");
  if (!synth || !window.SpeechSynthesisUtterance || !buttons.length || !label) return;
  var lang = document.documentElement.lang;
  // A page language with a script subtag is read only by a voice of that script, or from a
  // region that writes the language in it: pa-IN voices read Gurmukhi, not Shahmukhi.
  var SCRIPT_REGIONS = { "pa-arab": ["pk"] };
  var voice = null;

  function fits(voiceLang) {
    var v = String(voiceLang).replace(/_/g, "-").toLowerCase().split("-");
    var p = lang.toLowerCase().split("-");
    if (!p[0] || v[0] !== p[0]) return false; // never Urdu read by an English voice
    if (p.length < 2 || p[1].length !== 4) return true;
    var key = p[0] + "-" + p[1];
    return v.slice(1).some(function (part) {
      return part === p[1] || (SCRIPT_REGIONS[key] || []).indexOf(part) >= 0;
    });
  }

  function choose() {
    var local = synth.getVoices().filter(function (v) { return v.localService !== false; });
    var fitting = local.filter(function (v) { return fits(v.lang); });
    var best = fitting.filter(function (v) { return v["default"]; })[0] || fitting[0] || null;
    voice = best;
    for (var i = 0; i < buttons.length; i++) {
      // The page prints "Listen" once (ADR 0026's decoded cap); each button shows it.
      buttons[i].textContent = label.textContent;
      buttons[i].hidden = !voice;
    }
  }

  function words(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // The question, then its answers in the page's order, with the "or" before "I don't know"
  // as it is printed; a select's empty "Choose a month" is no answer.
  function parts(question) {
    var said = [words(question.querySelector("legend, .lb"))];
    var options = question.querySelectorAll(".os label, .or, select option");
    for (var i = 0; i < options.length; i++) {
      if (options[i].tagName !== "OPTION" || options[i].value !== "") said.push(words(options[i]));
    }
    return said.filter(Boolean);
  }

  var reading = null; // the button whose question is being read

  function read(button) {
    var again = reading === button && synth.speaking;
    synth.cancel(); // a second tap stops; a tap on another question reads that one instead
    reading = null;
    if (again || !voice) return;
    var said = parts(button.closest(".q"));
    reading = button;
    said.forEach(function (text, n) {
      var u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      if (n === said.length - 1) {
        u.onend = function () { if (reading === button) reading = null; };
      }
      synth.speak(u);
    });
  }

  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function (event) { read(event.currentTarget); });
  }
  // Chrome lists its voices a moment after load and says so; Safari may list them at once.
  if (synth.addEventListener) synth.addEventListener("voiceschanged", choose);
  else synth.onvoiceschanged = choose; // older Safari: not an EventTarget
  // On a shared tablet the next child's page must not go on reading this child's question.
  window.addEventListener("pagehide", function () { synth.cancel(); });
  choose();
})();
