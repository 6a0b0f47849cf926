/**
 * The report's only script: copy buttons for the repro line, and opening the trace table
 * at the step a marker links to. Everything else is plain HTML and SVG, readable without it.
 */
export const REPORT_SCRIPT = `
(function () {
  function select(id) {
    var range = document.createRange();
    range.selectNodeContents(document.getElementById(id));
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var id = button.getAttribute('data-copy');
      var text = document.getElementById(id).textContent;
      var done = function () { button.textContent = 'copied'; setTimeout(function () { button.textContent = 'copy'; }, 1500); };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, function () { select(id); });
      else select(id);
    });
  });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var row = id ? document.getElementById(id) : null;
    if (!row || row.tagName !== 'TR') return;
    var details = row.closest('details');
    if (details) details.open = true;
    document.querySelectorAll('tr.hit').forEach(function (old) { old.classList.remove('hit'); });
    row.classList.add('hit');
    row.scrollIntoView({ block: 'center' });
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();
`;
