/*
 * The public Handbook listing (pages/handbook.html): a search box that filters the MIGs as one
 * types, and sortable columns.
 *   - Search: every word typed must appear in the row (name, former names, purpose, liaisons,
 *     dates), ignoring case and accents; rows that do not match are hidden, and #handbook-count
 *     (role=status) says how many are shown.
 *   - Sort: each header with data-sort-key gets a button; the header's aria-sort says the order
 *     (ascending, then descending on a second press). Dates sort by their ISO value (data-*),
 *     names by the reader's collation; a row without a value goes last.
 * Without JavaScript the page lists every MIG by name, and the search box stays hidden.
 */
(function () {
  'use strict';

  var table = document.getElementById('handbook-list');
  var tools = document.getElementById('handbook-tools');
  var search = document.getElementById('handbook-search');
  var count = document.getElementById('handbook-count');
  var none = document.getElementById('handbook-none-match');
  if (!table || !tools || !search || !count || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.querySelectorAll('tr.handbook-entry'));
  var total = rows.length;

  function fold(text) {
    return String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ');
  }

  var texts = rows.map(function (row) { return fold(row.textContent); });

  function mig(n) {
    return n === 1 ? '1 MIG' : n + ' MIGs';
  }

  function filter() {
    var words = fold(search.value).split(' ').filter(function (w) { return w.length > 0; });
    var shown = 0;
    rows.forEach(function (row, i) {
      var match = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    count.textContent = words.length === 0 ? mig(total) : shown + ' of ' + mig(total) + ' shown';
    if (none) {
      none.hidden = shown > 0 || total === 0;
    }
  }

  tools.hidden = false;
  search.addEventListener('input', filter);

  var collator = window.Intl && Intl.Collator ? new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }) : null;

  function compare(a, b) {
    return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0);
  }

  var headers = Array.prototype.slice.call(table.tHead.querySelectorAll('th[data-sort-key]'));

  function sortBy(header) {
    var key = header.getAttribute('data-sort-key');
    var descending = header.getAttribute('aria-sort') === 'ascending';
    var order = rows.map(function (row, i) { return { row: row, value: row.dataset[key] || '', index: i }; });
    order.sort(function (a, b) {
      if (!a.value !== !b.value) {
        return a.value ? -1 : 1;
      }
      var c = compare(a.value, b.value) || compare(a.row.dataset.name || '', b.row.dataset.name || '') || a.index - b.index;
      return descending ? -c : c;
    });
    order.forEach(function (o) { body.appendChild(o.row); });
    rows = order.map(function (o) { return o.row; });
    texts = rows.map(function (row) { return fold(row.textContent); });
    headers.forEach(function (h) {
      if (h === header) {
        h.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      } else {
        h.removeAttribute('aria-sort');
      }
    });
  }

  headers.forEach(function (header) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = header.textContent.trim();
    button.setAttribute('data-sort-key', header.getAttribute('data-sort-key'));
    header.textContent = '';
    header.appendChild(button);
    button.addEventListener('click', function () { sortBy(header); });
  });

  if (!headers.some(function (h) { return h.hasAttribute('aria-sort'); }) && headers.length) {
    headers[0].setAttribute('aria-sort', 'ascending');
  }
  filter();
}());
