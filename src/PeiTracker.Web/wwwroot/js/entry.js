// Live preview of the avance and semáforo a typed value would give (computed on the server by the same engine),
// and a confirmation before sending, since a sent value leaves the unit's hands.
(function () {
  var form = document.getElementById('value-form');
  if (form && form.dataset.confirm) {
    form.addEventListener('submit', function (event) {
      var button = event.submitter;
      if (button && button.dataset.confirms === 'true' && !window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  }

  var input = document.getElementById('Valor');
  var out = document.getElementById('preview');
  if (!input || !out || !input.dataset.previewUrl) { return; }
  // The server's message for the field, after a refused save: one message per field, so the preview stays quiet
  // until the person types again, and then the stale message goes.
  var serverMessage = document.querySelector('[data-valmsg-for="Valor"]');
  var timer;
  function show() {
    var value = input.value.trim();
    if (!value) { out.textContent = ''; return; }
    fetch(input.dataset.previewUrl + '&valor=' + encodeURIComponent(value), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        out.className = 'mt-2 small';
        out.textContent = '';
        if (!d.ok) { out.textContent = d.message; out.classList.add('text-danger'); return; }
        var line = document.createElement('span');
        line.textContent = 'Con este valor: avance ' + d.avance + (d.uncapped ? ' (' + d.uncapped + ' del logro esperado, sin tope)' : '') +
          ' · ' + d.status + (d.commentRequired ? ' · explique la desviación en el comentario.' : '');
        var css = { Verde: 'st-verde', Amarillo: 'st-amarillo', Rojo: 'st-rojo' }[d.statusCode];
        if (css) { line.classList.add('status', css); }
        out.appendChild(line);
        if (d.warning) {
          var warning = document.createElement('div');
          warning.className = 'text-warning-emphasis mt-1';
          warning.setAttribute('data-testid', 'aviso-valor');
          warning.textContent = d.warning;
          out.appendChild(warning);
        }
      })
      .catch(function () { out.textContent = ''; });
  }
  input.addEventListener('input', function () {
    if (serverMessage) { serverMessage.textContent = ''; }
    clearTimeout(timer);
    timer = setTimeout(show, 300);
  });
  if (!serverMessage || serverMessage.textContent.trim() === '') { show(); }
})();
