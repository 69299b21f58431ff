// Live preview of the avance and semáforo a typed value would give (computed on the server by the same engine).
(function () {
  var input = document.getElementById('Valor');
  var out = document.getElementById('preview');
  if (!input || !out || !input.dataset.previewUrl) { return; }
  var timer;
  function show() {
    var value = input.value.trim();
    if (!value) { out.textContent = ''; return; }
    fetch(input.dataset.previewUrl + '&valor=' + encodeURIComponent(value), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        out.className = 'mt-2 small';
        if (!d.ok) { out.textContent = d.message; out.classList.add('text-danger'); return; }
        out.textContent = 'Con este valor: avance ' + d.avance + ' · ' + d.status + (d.commentRequired ? ' · explique la desviación en el comentario.' : '');
        var css = { Verde: 'st-verde', Amarillo: 'st-amarillo', Rojo: 'st-rojo' }[d.statusCode];
        if (css) { out.classList.add('status', css); }
      })
      .catch(function () { out.textContent = ''; });
  }
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(show, 300); });
  show();
})();
