#!/usr/bin/env bash
# The development mail server (smtp4dev, pinned in dotnet-tools.json) on loopback, for run.sh: it accepts every
# e-mail and shows it in a web inbox with a JSON API (GET /api/messages). IMAP and POP3 are off. A server already
# listening on the SMTP port is reused, whoever started it; only the one started here is stopped by devmail_stop.

devmail_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# devmail_start DIR SMTP_PORT WEB_PORT
devmail_start() {
  local dir="$1" smtp="$2" web="$3"
  if devmail_listening "$smtp"; then
    echo "Correo de desarrollo: se reutiliza el servidor que ya escucha en 127.0.0.1:$smtp."
    return 0
  fi
  mkdir -p "$dir"
  dotnet tool restore >/dev/null || { echo "dotnet tool restore failed: smtp4dev is needed for the development inbox." >&2; return 1; }
  # Its own session and process group, so Ctrl-C on the app leaves it running and devmail_stop ends all of it.
  setsid dotnet tool run smtp4dev --urls="http://127.0.0.1:$web" --smtpport="$smtp" --bindaddress=127.0.0.1 \
    --imapport= --pop3port= --baseappdatapath="$dir" --db="$dir/smtp4dev.db" --nousersettings \
    >"$dir/smtp4dev.log" 2>&1 < /dev/null &
  echo $! >"$dir/smtp4dev.pid"
  local i
  for i in $(seq 1 120); do
    if devmail_listening "$smtp" && devmail_listening "$web"; then
      return 0
    fi
    if ! kill -0 "$(cat "$dir/smtp4dev.pid")" 2>/dev/null; then
      break
    fi
    sleep 0.5
  done
  echo "The development mail server did not start; see $dir/smtp4dev.log" >&2
  tail -n 20 "$dir/smtp4dev.log" >&2
  return 1
}

devmail_stop() {
  local dir="$1" pid
  [ -f "$dir/smtp4dev.pid" ] || return 0
  pid="$(cat "$dir/smtp4dev.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  rm -f "$dir/smtp4dev.pid"
}
