/*
 * Contact tracking script, compatible with the Mautic embed snippet sites already carry:
 *
 *   (function(w,d,t,u,n,a,m){w['MauticTrackingObject']=n; w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)}, ...})
 *     (window,document,'script','https://tracker.example/mtc.js','mt');
 *   mt('send', 'pageview', params?, callbacks?);
 *
 * Protocol, per pageview:
 *   1. POST <base>/mtc/event, form-encoded, with X-Requested-With and credentials, so the tracker's own
 *      cookies travel when CORS allows this site's origin.
 *   2. On a 200 JSON answer that names a contact, remember its id and device id in localStorage (and as
 *      first-party session cookies, for the site's own server code); later pageviews send that device id as
 *      mautic_device_id, which identifies the browser even where third-party cookies are blocked.
 *   3. On any failure (non-200, CORS refusal, network error) deliver the same parameters through the pixel
 *      GET <base>/mtracking.gif, then ask GET <base>/mtc (with the stored device id, as every call) which
 *      contact the pixel resolved to.
 *      A status-0 failure means the browser refused the cross-origin call, which will not change while the
 *      page lives, so later pageviews go straight to the pixel.
 * Pageviews after the first wait until the first has been delivered, so they carry the device id it learned
 * instead of each creating an anonymous contact of its own.
 *
 * The base URL comes from this script's own src, so one static file works behind any host or path prefix.
 * No build step and no dependencies: what is served is what is read here.
 */
(function (window, document) {
  'use strict';

  var STORAGE_CONTACT_ID = 'mtc_id';
  var STORAGE_DEVICE_ID = 'mautic_device_id';
  var DELIVERED_EVENT = 'mauticPageEventDelivered';

  var queueName = window.MauticTrackingObject || 'mt';
  var trackerFunction = window[queueName];
  if (typeof trackerFunction !== 'function') {
    // Loaded without the snippet: nothing queued calls, and nothing will.
    return;
  }
  if (trackerFunction.trackerStarted) {
    // The snippet was pasted twice: the first copy already owns the queue.
    return;
  }
  trackerFunction.trackerStarted = true;

  var baseUrl = findBaseUrl();
  var pageviewCounter = 0;
  var corsRefused = false;
  var firstDelivery = null;

  // The src this script was loaded from, minus "/mtc.js": the tracker's base URL.
  function findBaseUrl() {
    var script = document.currentScript;
    if (!script || !/\/mtc\.js(\?|#|$)/.test(script.src)) {
      script = null;
      var scripts = document.getElementsByTagName('script');
      for (var i = 0; i < scripts.length; i++) {
        if (/\/mtc\.js(\?|#|$)/.test(scripts[i].src)) {
          script = scripts[i];
          break;
        }
      }
    }
    var url = new URL(script ? script.src : '/mtc.js', window.location.href);
    // An https page cannot call an http tracker (mixed content), so follow the page's scheme.
    if (window.location.protocol === 'https:') {
      url.protocol = 'https:';
    }
    return url.origin + url.pathname.replace(/\/mtc\.js$/, '');
  }

  function readStorage(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null; // Storage disabled (privacy settings, sandboxed frame): track without it.
    }
  }

  function writeStorage(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      // Same as above: the tracker's own cookies still identify the browser.
    }
  }

  // Session cookie on the site's own domain; the tracker never reads it, the site's server code may.
  // "secure" only where the page itself is https: browsers drop secure cookies written from http pages.
  function writeSiteCookie(name, value) {
    var secure = window.location.protocol === 'https:' ? '; secure' : '';
    document.cookie = name + '=' + encodeURIComponent(value) + '; path=/' + secure;
  }

  function rememberContact(answer) {
    if (!answer || answer.id === null || answer.id === undefined) {
      return; // Untrackable request or a logged-in tracker user: nothing to remember.
    }
    var deviceId = answer.device_id || answer.sid;
    writeStorage(STORAGE_CONTACT_ID, String(answer.id));
    writeSiteCookie(STORAGE_CONTACT_ID, String(answer.id));
    if (deviceId) {
      writeStorage(STORAGE_DEVICE_ID, deviceId);
      writeSiteCookie(STORAGE_DEVICE_ID, deviceId);
    }
  }

  function platformName() {
    var agent = navigator.userAgent || '';
    // Same buckets, in the same order, as the hits Mautic already records (desktop Linux reports X11 first).
    if (agent.indexOf('Win') !== -1) return 'Windows';
    if (agent.indexOf('Mac') !== -1) return 'MacOS';
    if (agent.indexOf('X11') !== -1) return 'UNIX';
    if (agent.indexOf('Linux') !== -1) return 'Linux';
    return 'Unknown OS';
  }

  function referrerHost() {
    if (!document.referrer) return '';
    try {
      return new URL(document.referrer).host;
    } catch (e) {
      return '';
    }
  }

  function timeZoneName() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  // What the page tells about itself at the moment of the call; the user's params win on every key.
  function pageviewParams(counter, userParams) {
    var language = navigator.language || '';
    var params = {
      page_title: document.title,
      page_language: language,
      preferred_locale: language.replace(/-/g, '_'),
      page_referrer: referrerHost(),
      page_url: window.location.href,
      counter: String(counter),
      timezone_offset: String(new Date().getTimezoneOffset()),
      resolution: window.screen.width + 'x' + window.screen.height,
      platform: platformName(),
      do_not_track: String(navigator.doNotTrack === '1' || window.doNotTrack === '1'),
      timezone: timeZoneName()
    };
    if (userParams && typeof userParams === 'object') {
      Object.keys(userParams).forEach(function (key) {
        var value = userParams[key];
        if (value !== undefined) {
          params[key] = value === null ? '' : String(value);
        }
      });
    }
    return params;
  }

  // Only a device id this browser was told by the tracker is sent; the contact id never is.
  function withDeviceId(params) {
    var deviceId = readStorage(STORAGE_DEVICE_ID);
    if (readStorage(STORAGE_CONTACT_ID) && deviceId && !('mautic_device_id' in params)) {
      params.mautic_device_id = deviceId;
    }
    return params;
  }

  function encode(params) {
    return new URLSearchParams(params).toString();
  }

  // Resolves with { status, answer } whatever happens; status 0 means the browser refused or the network failed.
  function corsRequest(method, path, body) {
    return new Promise(function (resolve) {
      var request = new XMLHttpRequest();
      request.open(method, baseUrl + path, true);
      request.withCredentials = true;
      request.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
      if (body !== null) {
        request.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
      }
      request.onload = function () {
        var answer = null;
        try {
          answer = JSON.parse(request.responseText);
        } catch (e) {
          answer = null;
        }
        resolve({ status: request.status, answer: answer });
      };
      request.onerror = request.onabort = request.ontimeout = function () {
        resolve({ status: 0, answer: null });
      };
      request.send(body);
    });
  }

  // Resolves with the name of the image event that ended the load: 'load', 'error' or 'abort'.
  function pixelRequest(params, callbacks) {
    return new Promise(function (resolve) {
      var image = new Image();
      ['load', 'error', 'abort'].forEach(function (outcome) {
        image['on' + outcome] = function () {
          invoke(callbacks, 'on' + outcome);
          resolve(outcome);
        };
      });
      image.src = baseUrl + '/mtracking.gif?' + encode(params);
    });
  }

  function invoke(callbacks, name) {
    if (callbacks && typeof callbacks[name] === 'function') {
      try {
        callbacks[name]();
      } catch (e) {
        // A throwing site callback must not stop the tracker.
        setTimeout(function () { throw e; });
      }
    }
  }

  function announce(detail) {
    document.dispatchEvent(new CustomEvent(DELIVERED_EVENT, { detail: detail }));
  }

  async function deliverPixel(params, callbacks) {
    var outcome = await pixelRequest(params, callbacks);
    var answer = null;
    if (outcome === 'load') {
      // The pixel's answer is an image; ask which contact and device it resolved to. Without third-party cookies
      // only the stored device id names this browser, so it goes along as on every other call.
      var device = encode(withDeviceId({}));
      var lookup = await corsRequest('GET', device ? '/mtc?' + device : '/mtc', null);
      if (lookup.status === 200 && lookup.answer) {
        answer = lookup.answer;
        rememberContact(answer);
      }
    }
    return { transport: 'pixel', outcome: outcome, answer: answer };
  }

  async function deliver(params, callbacks) {
    if (!corsRefused) {
      var result = await corsRequest('POST', '/mtc/event', encode(params));
      if (result.status === 200 && result.answer) {
        rememberContact(result.answer);
        invoke(callbacks, 'onload');
        return { transport: 'cors', outcome: 'load', answer: result.answer };
      }
      if (result.status === 0) {
        corsRefused = true;
      }
    }
    return deliverPixel(params, callbacks);
  }

  async function sendPageview(userParams, callbacks) {
    var counter = pageviewCounter++;
    var params = pageviewParams(counter, userParams);
    if (counter > 0) {
      await firstDelivery;
    }
    var delivery = await deliver(withDeviceId(params), callbacks);
    announce({ event: 'pageview', params: params, transport: delivery.transport, outcome: delivery.outcome, response: delivery.answer });
  }

  function handle(args) {
    var command = args[0];
    var eventName = args[1];
    if (command !== 'send' || eventName !== 'pageview') {
      return; // The only command of the page API; anything else is a typo on the site and is ignored.
    }
    var sending = sendPageview(args[2], args[3]);
    if (firstDelivery === null) {
      // Later pageviews wait for this one whether it ends in success or failure.
      firstDelivery = sending.catch(function () {});
    }
  }

  // Calls made before this script loaded sit in the snippet's queue; calls made later go through push.
  var queue = trackerFunction.q || [];
  trackerFunction.q = queue;
  queue.push = function () {
    for (var i = 0; i < arguments.length; i++) {
      handle(arguments[i]);
    }
    return queue.length;
  };
  queue.forEach(function (args) {
    handle(args);
  });
  queue.length = 0;
})(window, document);
