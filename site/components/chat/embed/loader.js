/*
 * Deflect chat loader, served as /embed.js. A host page includes it with the snippet in the README ("Embed
 * the chat on your site"). It puts the help center's chat frame (/embed/frame) in the bottom-right corner,
 * resizes it as the panel opens and closes, and turns Deflect(...) calls into window messages to the frame
 * (shapes: site/components/chat/embed/embed-messages.ts). Plain and dependency-free: it runs on other
 * people's pages, so it defines nothing but window.Deflect and touches nothing but its own iframe.
 */
(function () {
  'use strict';
  var TAG = 'deflect-chat';
  var script = document.currentScript;
  var previous = window.Deflect;
  if (!script || !script.src || (previous && previous.loaded)) return;
  // The help center is wherever this file came from: only its messages are trusted.
  var helpCenter = new URL(script.src).origin;
  var queue = (previous && previous.q) || [];
  var listeners = {};
  var boot = {};
  var frame = null;
  var ready = false;
  var pending = [];
  var SIZE_CLOSED = { width: '96px', height: '96px' };
  var SIZE_OPEN = { width: 'min(420px, 100vw)', height: 'min(680px, 100vh)' };

  // The host page the visitor is on, for the operator: its address without query or fragment (those may
  // carry another site's tokens), and where the visitor came from.
  function pageCommand() {
    return ['page', { url: location.origin + location.pathname, referrer: document.referrer }];
  }

  function Deflect(name) {
    var args = Array.prototype.slice.call(arguments);
    // Deflect('page') after a single-page app changes its route: the loader knows the address itself.
    if (name === 'page') args = pageCommand();
    if (name === 'boot') boot = args[1] || {};
    else if (name === 'on' && typeof args[2] === 'function') (listeners[args[1]] = listeners[args[1]] || []).push(args[2]);
    else if (ready) post([args]);
    else pending.push(args);
  }
  Deflect.loaded = true;
  window.Deflect = Deflect;

  function emit(name, detail) {
    var callbacks = listeners[name] || [];
    // A developer without an error callback should still see why the chat refused something.
    if (name === 'error' && callbacks.length === 0) console.warn('Deflect: ' + detail.message);
    for (var i = 0; i < callbacks.length; i++) {
      try {
        callbacks[i](detail);
      } catch (error) {
        console.error(error);
      }
    }
  }

  function post(commands) {
    try {
      frame.contentWindow.postMessage({ tag: TAG, commands: commands }, helpCenter);
    } catch (error) {
      // An argument that can't be sent (a function, a DOM node): the other commands still go.
      emit('error', { code: 'invalid_command', message: String(error && error.message) });
    }
  }

  function resize(size) {
    frame.style.width = size.width;
    frame.style.height = size.height;
  }

  function locale() {
    var lang = boot.locale || script.getAttribute('data-locale') || document.documentElement.lang || '';
    return String(lang).toLowerCase().split('-')[0];
  }

  function mount() {
    frame = document.createElement('iframe');
    frame.src = helpCenter + '/embed/frame?locale=' + encodeURIComponent(locale());
    frame.title = 'Chat';
    // color-scheme: normal on both sides keeps the frame transparent over any host page.
    frame.style.cssText = 'position:fixed;right:0;bottom:0;border:0;margin:0;padding:0;z-index:2147483000;background:transparent;color-scheme:normal;max-width:100vw;max-height:100vh';
    resize(SIZE_CLOSED);
    document.body.appendChild(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== helpCenter || !frame || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.tag !== TAG || typeof data.event !== 'string') return;
    if (data.event === 'ready') {
      // The frame waits for this first batch (even empty) before connecting: an identity comes first.
      ready = true;
      if (data.data && data.data.title) frame.title = data.data.title;
      post([pageCommand()].concat(pending));
      pending = [];
      return;
    }
    if (data.event === 'open') resize(SIZE_OPEN);
    if (data.event === 'close') resize(SIZE_CLOSED);
    emit(data.event, data.data || {});
  });

  // Back and forward in a single-page app change the page without loading the loader again.
  window.addEventListener('popstate', function () {
    if (ready) post([pageCommand()]);
  });

  for (var i = 0; i < queue.length; i++) Deflect.apply(null, queue[i]);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
