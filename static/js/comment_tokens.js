// Comment and report forms on a page shared by the page cache carry no
// reader's tokens (the same page goes to every reader): fetch them when the
// reader starts writing, and at the latest when the form is sent.
(function () {
  "use strict";
  var SELECTOR = "form[data-token-url]";
  var pending = null;

  function fill(data) {
    document.querySelectorAll(SELECTOR).forEach(function (form) {
      Object.keys(data).forEach(function (name) {
        var input = form.querySelector('input[name="' + name + '"]');
        if (input && !input.value) {
          input.value = data[name];
        }
      });
    });
  }

  function fetchTokens(form) {
    if (!pending) {
      pending = fetch(form.getAttribute("data-token-url"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (answer) {
          if (!answer.ok) {
            throw new Error("tokens " + answer.status);
          }
          return answer.json();
        })
        .then(fill)
        .catch(function (error) {
          pending = null; // try again at the next chance
          throw error;
        });
    }
    return pending;
  }

  function needsTokens(form) {
    var token = form.querySelector('input[name="csrfmiddlewaretoken"]');
    return token !== null && !token.value;
  }

  document.addEventListener("focusin", function (event) {
    var form = event.target.form;
    if (form && form.matches(SELECTOR) && needsTokens(form)) {
      fetchTokens(form).catch(function () {});
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches(SELECTOR) || !needsTokens(form)) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    var send = function () {
      // requestSubmit keeps the pressed button's name and value.
      if (form.requestSubmit && submitter) {
        form.requestSubmit(submitter);
      } else {
        form.submit();
      }
    };
    // Without tokens the server shows the form again, filled in: nothing lost.
    fetchTokens(form).then(send, function () {
      form.submit();
    });
  });
})();
