// Each OEI's analysis is saved on its own, without reloading: the analyses being edited elsewhere on the page stay as typed.
(function () {
  document.querySelectorAll('form.narrative-form').forEach(function (form) {
    var result = form.querySelector('.narrative-result');
    var section = form.closest('section');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      result.className = 'small ms-2 narrative-result';
      result.textContent = 'Guardando…';
      fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (d) {
          result.textContent = d.message;
          result.classList.add(d.ok ? 'text-success' : 'text-danger');
          if (d.ok) {
            form.querySelector('input[name=version]').value = d.version;
            section.querySelector('p.narrative').textContent = d.text;
            section.querySelector('.narrative-state').textContent = '';
          }
        })
        .catch(function () { result.textContent = 'No se pudo guardar: revise la conexión y vuelva a intentarlo.'; result.classList.add('text-danger'); });
    });
  });
})();
