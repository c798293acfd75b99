/*
 * The roster page (pages/roster.html): the upload sent with XMLHttpRequest rather than as a page
 * load, so that the page can show how it goes:
 *   1. uploading: a <progress> of the bytes sent, with "1.2 MB of 3.4 MB" beside it;
 *   2. importing: the file is sent, the server checks every line and stores the good ones
 *      (the progress bar turns indeterminate);
 *   3. the outcome: the server answers with the roster page itself, as it does for a plain form
 *      post; its #roster-summary, #roster-details and #member-count replace this page's.
 * #roster-phase (role=status) says each step once, and #roster-summary (role=status) the outcome.
 * The form keeps data-phase="uploading" | "importing" | "done" | "failed" while and after it works.
 * Without JavaScript the form posts as usual and the server answers with the same page.
 */
(function () {
  'use strict';

  var form = document.getElementById('roster-form');
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) {
    return;
  }
  var input = document.getElementById('roster-file');
  var button = document.getElementById('roster-submit');
  var progress = document.getElementById('roster-progress');
  var progressLabel = document.getElementById('roster-progress-label');
  var bar = document.getElementById('roster-progress-bar');
  var bytes = document.getElementById('roster-progress-bytes');
  var phase = document.getElementById('roster-phase');
  var maxBytes = Number(form.getAttribute('data-max-bytes')) || 0;
  var busy = false;

  function size(n) {
    if (n < 1024) {
      return n + ' bytes';
    }
    if (n < 1024 * 1024) {
      return (n / 1024).toFixed(0) + ' KB';
    }
    return (n / (1024 * 1024)).toFixed(1) + ' MB';
  }

  function setPhase(name, text) {
    form.setAttribute('data-phase', name);
    phase.textContent = text;
  }

  /** The outcome in #roster-summary, as the server would say it; failed ones mark the file input. */
  function summarize(failed, html, text) {
    var summary = document.getElementById('roster-summary');
    summary.className = 'roster-summary ' + (failed ? 'failed' : 'imported');
    if (html !== null) {
      summary.innerHTML = html;
    } else {
      summary.textContent = text;
    }
    if (failed) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'roster-file-hint roster-summary');
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'roster-file-hint');
    }
  }

  /**
   * While an upload works, a second one is refused. The button is aria-disabled rather than
   * disabled, so that it keeps the keyboard focus it had.
   */
  function working(on) {
    busy = on;
    button.setAttribute('aria-disabled', on ? 'true' : 'false');
    input.disabled = on;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    progress.hidden = !on;
  }

  function fail(text) {
    working(false);
    setPhase('failed', '');
    document.getElementById('roster-details').textContent = '';
    summarize(true, null, text);
  }

  /** Takes the outcome out of the page the server answered with; false when it is not that page. */
  function show(answer) {
    var page = new DOMParser().parseFromString(answer, 'text/html');
    var summary = page.getElementById('roster-summary');
    var details = page.getElementById('roster-details');
    if (!summary || !details) {
      return false;
    }
    var failed = summary.classList.contains('failed');
    var count = page.getElementById('member-count');
    if (count) {
      document.getElementById('member-count').textContent = count.textContent;
    }
    document.getElementById('roster-details').replaceWith(document.importNode(details, true));
    working(false);
    setPhase(failed ? 'failed' : 'done', '');
    summarize(failed, summary.innerHTML, null);
    document.title = page.title || document.title;
    if (!failed) {
      form.reset();
    }
    return true;
  }

  /** What a page that is not the roster page says went wrong: its alert, or its heading. */
  function problemOf(xhr) {
    if (xhr.responseURL && /\/login$/.test(new URL(xhr.responseURL, window.location.href).pathname)) {
      return 'You are signed out. Sign in again, then upload the file again; nothing was imported.';
    }
    var page = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
    var said = page.querySelector('main [role=alert], main .error, main h1');
    var text = said ? said.textContent.replace(/\s+/g, ' ').trim() : '';
    return 'The upload was refused (HTTP ' + xhr.status + ')' + (text ? ': ' + text : '.')
        + ' Nothing was imported.';
  }

  function send(file) {
    var data = new FormData(form);
    var token = form.querySelector('input[name=_csrf]');
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'text/html');
    if (token) {
      xhr.setRequestHeader('X-CSRF-TOKEN', token.value);
    }

    xhr.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) {
        bar.max = event.total;
        bar.value = event.loaded;
        bytes.textContent = size(Math.min(event.loaded, file.size)) + ' of ' + size(file.size);
      }
    });
    xhr.upload.addEventListener('load', function () {
      bar.removeAttribute('value'); // indeterminate: the server works
      progressLabel.textContent = 'Importing ' + file.name;
      bytes.textContent = size(file.size) + ' sent';
      setPhase('importing', 'Importing… the server checks every line and stores the good ones.');
    });
    xhr.addEventListener('load', function () {
      if (!show(xhr.responseText || '')) {
        fail(problemOf(xhr));
      }
    });
    xhr.addEventListener('error', function () {
      fail('The upload did not reach the server (the connection failed). Nothing was imported; try again.');
    });
    xhr.addEventListener('abort', function () {
      fail('The upload was stopped. Nothing was imported.');
    });

    // the form data is taken before the inputs are disabled: disabled inputs are not sent
    xhr.send(data);
    working(true);
    progressLabel.textContent = 'Uploading ' + file.name;
    bar.max = file.size || 1;
    bar.value = 0;
    bytes.textContent = '0 bytes of ' + size(file.size);
    setPhase('uploading', 'Uploading ' + file.name + ' (' + size(file.size) + ')…');
    var summary = document.getElementById('roster-summary');
    summary.className = 'roster-summary';
    summary.textContent = '';
  }

  form.addEventListener('submit', function (event) {
    if (busy) {
      event.preventDefault();
      return;
    }
    var file = input.files && input.files[0];
    if (!file) {
      return; // the server says to choose a file, as without JavaScript
    }
    event.preventDefault();
    if (maxBytes > 0 && file.size > maxBytes) {
      fail('Nothing was imported: ' + file.name + ' has ' + size(file.size) + ', more than the '
          + size(maxBytes) + ' a roster file may have. Nothing was stored.');
      return;
    }
    send(file);
  });
})();
