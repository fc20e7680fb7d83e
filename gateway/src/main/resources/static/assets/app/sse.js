// Server-sent events (text/event-stream) read from a fetch body: EventSource cannot send the
// token, so the board reads the unit-change stream with fetch and parses it here.
// Pure module: no browser globals.

/**
 * A parser for the stream's text as it arrives in chunks: calls {@code onEvent({event, data,
 * id})} for each complete event (comments and keep-alives are skipped).
 */
export function sseParser(onEvent) {
  let buffer = '';
  let event = '';
  let data = [];
  let id = null;
  const dispatch = () => {
    if (data.length) onEvent({ event: event || 'message', data: data.join('\n'), id });
    event = '';
    data = [];
  };
  const line = (text) => {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  };
  return {
    push(chunk) {
      buffer += chunk;
      let at;
      while ((at = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const end = buffer[at] === '\r' && buffer[at + 1] === '\n' ? at + 2 : at + 1;
        // a lone \r at the very end may be the first half of \r\n: wait for the next chunk
        if (buffer[at] === '\r' && at === buffer.length - 1) break;
        line(buffer.slice(0, at));
        buffer = buffer.slice(end);
      }
    },
  };
}
