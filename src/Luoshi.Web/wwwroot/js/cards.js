// Phone layouts (site.css, "table.cards"): below 700px each row of such a table is a card and each cell shows its
// column's name before it. A page may write the name itself (data-label); for every other cell it is taken here from
// the text of the column's header, so that a page only has to give its table the class. Without script the cards still
// show every value, only without the names.
(function () {
  'use strict';
  function headerNames(table) {
    var head = table.tHead;
    if (!head || head.rows.length === 0) {
      return [];
    }
    var names = [];
    var cells = head.rows[head.rows.length - 1].cells;
    for (var i = 0; i < cells.length; i++) {
      var text = (cells[i].textContent || '').replace(/\s+/g, ' ').trim();
      for (var span = cells[i].colSpan || 1; span > 0; span--) {
        names.push(text);
      }
    }
    return names;
  }

  function label(table) {
    var names = headerNames(table);
    if (names.length === 0) {
      return;
    }
    for (var b = 0; b < table.tBodies.length; b++) {
      var rows = table.tBodies[b].rows;
      for (var r = 0; r < rows.length; r++) {
        var column = 0;
        var cells = rows[r].cells;
        for (var c = 0; c < cells.length; c++) {
          var cell = cells[c];
          var name = names[column];
          if (name && !cell.hasAttribute('data-label') && !cell.classList.contains('card-title')) {
            cell.setAttribute('data-label', name);
          }
          column += cell.colSpan || 1;
        }
      }
    }
  }

  function run() {
    var tables = document.querySelectorAll('table.cards');
    for (var i = 0; i < tables.length; i++) {
      label(tables[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
})();
