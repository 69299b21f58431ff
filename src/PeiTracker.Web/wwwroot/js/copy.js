// "Copiar" beside a secret shown once (a generated password, an API token). The button appears only when this script
// runs; without it the secret is still selectable text. The result is announced in the live region beside it.
(function () {
  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand('copy');
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  document.querySelectorAll('button.copy-button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var result = button.parentElement.querySelector('.copy-result');
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = source.textContent.trim();
      var copy = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(text) : fallbackCopy(text);
      copy.then(function () {
        result.textContent = 'Copiado';
        result.className = 'small copy-result fw-semibold';
      }, function () {
        result.textContent = 'No se pudo copiar: seleccione el texto y cópielo a mano.';
        result.className = 'small copy-result fw-semibold';
        window.getSelection().selectAllChildren(source);
      });
    });
  });
})();
