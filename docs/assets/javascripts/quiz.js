/* Self-check quizzes (markup from hooks/quiz.py): check all answers at once, show the score
 * against the pass mark, and keep answers and score in localStorage, per page and quiz. */
(function () {
  "use strict";

  function storageKey(quiz, index) {
    return "nn-quiz:" + location.pathname.replace(/index\.html$/, "") + "#" + index;
  }

  function load(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "null");
    } catch (error) {
      return null; // storage disabled or corrupt: start afresh
    }
  }

  function save(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* private mode or quota: the quiz still works, it just forgets */
    }
  }

  function answers(quiz) {
    return Array.from(quiz.querySelectorAll(".nn-quiz__question")).map(function (question) {
      return Array.from(question.querySelectorAll("input"))
        .filter(function (input) { return input.checked; })
        .map(function (input) { return input.value; });
    });
  }

  function isRight(question) {
    return Array.from(question.querySelectorAll("input")).every(function (input) {
      return input.checked === input.hasAttribute("data-correct");
    });
  }

  // After checking, each question says in words (not only by colour) whether it was
  // answered right, and each option says whether it is a right answer and whether it was
  // chosen. The marks are text, so screen readers announce them with the option.
  var MARKS = {
    chosenRight: "\u2713 your answer, right",
    missedRight: "\u2713 right answer",
    chosenWrong: "\u2717 your answer, wrong",
  };

  function markOptions(question) {
    question.querySelectorAll(".nn-quiz__option").forEach(function (option) {
      var input = option.querySelector("input");
      var correct = input.hasAttribute("data-correct");
      var key = correct ? (input.checked ? "chosenRight" : "missedRight")
        : (input.checked ? "chosenWrong" : null);
      var mark = option.querySelector(".nn-quiz__mark");
      option.classList.toggle("nn-quiz__option--right", correct);
      option.classList.toggle("nn-quiz__option--wrong", key === "chosenWrong");
      if (!key) {
        if (mark) mark.remove();
        return;
      }
      if (!mark) {
        mark = document.createElement("span");
        mark.className = "nn-quiz__mark";
        option.appendChild(mark);
      }
      mark.textContent = MARKS[key];
    });
  }

  function unmarkOptions(question) {
    question.querySelectorAll(".nn-quiz__option").forEach(function (option) {
      option.classList.remove("nn-quiz__option--right", "nn-quiz__option--wrong");
      var mark = option.querySelector(".nn-quiz__mark");
      if (mark) mark.remove();
    });
  }

  function grade(quiz) {
    var questions = Array.from(quiz.querySelectorAll(".nn-quiz__question"));
    var right = 0;
    questions.forEach(function (question) {
      var ok = isRight(question);
      right += ok ? 1 : 0;
      question.classList.toggle("nn-quiz__question--right", ok);
      question.classList.toggle("nn-quiz__question--wrong", !ok);
      var verdict = question.querySelector(".nn-quiz__verdict");
      if (verdict) {
        verdict.textContent = ok ? "\u2713 Right" : "\u2717 Not right: the right answers are marked";
        verdict.hidden = false;
      }
      markOptions(question);
      var explanation = question.querySelector(".nn-quiz__explanation");
      if (explanation) explanation.hidden = false;
    });
    var percent = Math.round((100 * right) / questions.length);
    var passed = percent >= Number(quiz.dataset.pass);
    var score = quiz.querySelector(".nn-quiz__score");
    score.textContent = "Score: " + right + " / " + questions.length + " (" + percent + "%): " +
      (passed ? "passed" : "not yet: the pass mark is " + quiz.dataset.pass + "%");
    score.classList.toggle("nn-quiz__score--passed", passed);
    score.classList.toggle("nn-quiz__score--failed", !passed);
    return { right: right, total: questions.length, percent: percent, passed: passed };
  }

  function clear(quiz) {
    quiz.querySelectorAll("input").forEach(function (input) { input.checked = false; });
    quiz.querySelectorAll(".nn-quiz__question").forEach(function (question) {
      question.classList.remove("nn-quiz__question--right", "nn-quiz__question--wrong");
      var verdict = question.querySelector(".nn-quiz__verdict");
      if (verdict) {
        verdict.textContent = "";
        verdict.hidden = true;
      }
      unmarkOptions(question);
      var explanation = question.querySelector(".nn-quiz__explanation");
      if (explanation) explanation.hidden = true;
    });
    var score = quiz.querySelector(".nn-quiz__score");
    score.textContent = "";
    score.classList.remove("nn-quiz__score--passed", "nn-quiz__score--failed");
  }

  function setUp(quiz, index) {
    if (quiz.dataset.ready) return;
    quiz.dataset.ready = "true";
    var key = storageKey(quiz, index);
    var stored = load(key);
    if (stored && Array.isArray(stored.answers)) {
      quiz.querySelectorAll(".nn-quiz__question").forEach(function (question, q) {
        question.querySelectorAll("input").forEach(function (input) {
          input.checked = (stored.answers[q] || []).indexOf(input.value) !== -1;
        });
      });
      if (stored.checked) grade(quiz);
    }
    quiz.addEventListener("change", function () {
      var previous = load(key) || {};
      save(key, { answers: answers(quiz), checked: false, best: previous.best || 0 });
    });
    quiz.querySelector(".nn-quiz__check").addEventListener("click", function () {
      var result = grade(quiz);
      var previous = load(key) || {};
      save(key, {
        answers: answers(quiz), checked: true, score: result.percent,
        best: Math.max(result.percent, previous.best || 0),
      });
    });
    quiz.querySelector(".nn-quiz__reset").addEventListener("click", function () {
      clear(quiz);
      save(key, null);
    });
  }

  function setUpAll() {
    document.querySelectorAll(".nn-quiz").forEach(setUp);
  }

  // Material's instant navigation swaps the page without a load event: follow document$.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
