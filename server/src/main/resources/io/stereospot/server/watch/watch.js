// The watch page: plays /stream/{id}/playlist.m3u8 (hls.js where Media Source Extensions exist, the browser's own
// HLS in Safari) into a hidden <video>, and draws its side-by-side frame through one WebGL canvas in the chosen mode.
// VR is in watch-xr.js. Plain JS, no framework, nothing loaded from another origin.
'use strict';

(() => {
  const MODE_KEY = 'stereospot.watch.mode';
  const MODES = ['vr', 'tv', 'anaglyph', '2d'];
  const $ = id => document.getElementById(id);
  const video = $('video');
  const canvas = $('screen');
  const sessionId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  const playlistUrl = '/stream/' + encodeURIComponent(sessionId) + '/playlist.m3u8';
  const say = text => { $('message').textContent = text; };

  // preserveDrawingBuffer: the picture stays readable after it is shown (screenshots, tests); xrCompatible: the same
  // context draws the headset's views.
  const gl = canvas.getContext('webgl', { preserveDrawingBuffer: true, antialias: false, xrCompatible: true });
  if (!gl) {
    say('This browser cannot draw with WebGL, so the picture cannot be shown.');
    return;
  }

  // One shader for every mode. u_mode: 0 the whole frame, 1 plain red-cyan, 2 Dubois red-cyan, 3 one half (u_half
  // is where it starts: 0 left, 0.5 right). u_mvp places the quad (identity on a flat screen).
  const VERTEX = `
    attribute vec2 a_pos;
    uniform mat4 u_mvp;
    varying vec2 v_uv;
    void main() { v_uv = a_pos * 0.5 + 0.5; gl_Position = u_mvp * vec4(a_pos, 0.0, 1.0); }`;
  const FRAGMENT = `
    precision mediump float;
    uniform sampler2D u_video;
    uniform int u_mode;
    uniform float u_half;
    varying vec2 v_uv;
    void main() {
      vec3 l = texture2D(u_video, vec2(v_uv.x * 0.5, v_uv.y)).rgb;
      vec3 r = texture2D(u_video, vec2(0.5 + v_uv.x * 0.5, v_uv.y)).rgb;
      if (u_mode == 1) {
        gl_FragColor = vec4(l.r, r.g, r.b, 1.0);
      } else if (u_mode == 2) {
        // Dubois' least-squares red-cyan matrices (rows: output red, green, blue).
        vec3 c = vec3(dot(vec3(0.456, 0.500, 0.176), l) + dot(vec3(-0.043, -0.088, -0.002), r),
                      dot(vec3(-0.040, -0.038, -0.016), l) + dot(vec3(0.378, 0.734, -0.018), r),
                      dot(vec3(-0.015, -0.021, -0.005), l) + dot(vec3(-0.072, -0.113, 1.226), r));
        gl_FragColor = vec4(clamp(c, 0.0, 1.0), 1.0);
      } else if (u_mode == 3) {
        gl_FragColor = texture2D(u_video, vec2(u_half + v_uv.x * 0.5, v_uv.y));
      } else {
        gl_FragColor = texture2D(u_video, v_uv);
      }
    }`;
  const program = gl.createProgram();
  for (const [type, source] of [[gl.VERTEX_SHADER, VERTEX], [gl.FRAGMENT_SHADER, FRAGMENT]]) {
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  gl.useProgram(program);
  const uniform = name => gl.getUniformLocation(program, name);
  const IDENTITY = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const aPos = gl.getAttribLocation(program, 'a_pos');
  gl.enableVertexAttribArray(aPos);
  gl.vertexAttribPointer(aPos, 2, gl.FLOAT, false, 0, 0);
  const texture = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, true);
  for (const [k, v] of [[gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE], [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE],
                        [gl.TEXTURE_MIN_FILTER, gl.LINEAR], [gl.TEXTURE_MAG_FILTER, gl.LINEAR]]) {
    gl.texParameteri(gl.TEXTURE_2D, k, v);
  }

  /** The newest video frame into the texture; false while there is none yet. */
  function upload() {
    if (video.readyState < 2 || !video.videoWidth) {
      return false;
    }
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB, gl.RGB, gl.UNSIGNED_BYTE, video);
    return true;
  }

  /** One quad: mode 0-3 as in the shader, over the current viewport. */
  function drawQuad(shaderMode, half, mvp) {
    gl.useProgram(program);
    gl.uniform1i(uniform('u_mode'), shaderMode);
    gl.uniform1f(uniform('u_half'), half);
    gl.uniformMatrix4fv(uniform('u_mvp'), false, mvp || IDENTITY);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  // A frame more than 2.5 times as wide as high holds two full pictures; a narrower one holds two squeezed halves
  // (half SBS), which one eye's picture is stretched back from.
  const halfSize = () => video.videoWidth / video.videoHeight > 2.5
    ? [video.videoWidth / 2, video.videoHeight] : [video.videoWidth, video.videoHeight];

  let mode = localStorage.getItem(MODE_KEY);
  if (!MODES.includes(mode)) {
    mode = 'anaglyph';
  }
  const dubois = $('dubois');
  dubois.checked = localStorage.getItem(MODE_KEY + '.dubois') === 'true';
  dubois.addEventListener('change', () => localStorage.setItem(MODE_KEY + '.dubois', String(dubois.checked)));

  /** Draws the flat (not XR) modes; the headset draws its own frames while a VR session runs. */
  function drawFlat() {
    requestAnimationFrame(drawFlat);
    if (StereoWatchXr.active() || !upload()) {
      return;
    }
    const [w, h] = mode === 'tv' ? [video.videoWidth, video.videoHeight] : halfSize();
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, w, h);
    drawQuad(mode === 'tv' ? 0 : mode === '2d' ? 3 : dubois.checked ? 2 : 1, 0);
  }

  function choose(next) {
    if (next === 'vr') {
      // Entering VR needs this click (a user gesture); the flat mode behind it stays for when the session ends.
      StereoWatchXr.enter({ gl, upload, drawQuad, halfSize, say });
      return;
    }
    mode = next;
    localStorage.setItem(MODE_KEY, mode);
    document.body.dataset.mode = mode;
    for (const b of document.querySelectorAll('[data-mode]')) {
      b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
    }
    $('dubois-choice').hidden = mode !== 'anaglyph';
    if (mode === 'tv' && !document.fullscreenElement && navigator.userActivation
        && navigator.userActivation.isActive) {
      document.documentElement.requestFullscreen().catch(() => say('Press Full screen, then the TV\'s SBS mode.'));
    }
  }
  for (const b of document.querySelectorAll('[data-mode]')) {
    b.addEventListener('click', () => choose(b.dataset.mode));
  }
  $('fullscreen').addEventListener('click', () => document.fullscreenElement ? document.exitFullscreen()
    : document.documentElement.requestFullscreen().catch(() => say('This browser refused full screen.')));
  StereoWatchXr.offer($('size'), $('distance'), document.querySelector('[data-mode="vr"]'), say);
  choose(mode === 'vr' ? 'anaglyph' : mode);

  // Sound: browsers refuse to start unmuted sound without a tap, so start muted then and offer the tap.
  function play() {
    video.muted = false;
    video.play().catch(() => {
      video.muted = true;
      $('unmute').hidden = false;
      return video.play();
    }).catch(e => say('The video could not start: ' + e.message));
  }
  $('unmute').addEventListener('click', () => {
    video.muted = false;
    video.play().catch(() => undefined);
    $('unmute').hidden = true;
  });

  let hls = null;
  let recoveries = 0;
  function start() {
    if (window.Hls && Hls.isSupported()) {
      hls = new Hls({ manifestLoadingMaxRetry: 6, levelLoadingMaxRetry: 6, fragLoadingMaxRetry: 6 });
      hls.on(Hls.Events.MANIFEST_PARSED, play);
      hls.on(Hls.Events.ERROR, (_, data) => data.fatal && recover(data));
      hls.on(Hls.Events.FRAG_BUFFERED, () => {
        recoveries = 0; // playing again: the next stall starts retrying at once
        say('');
      });
      hls.loadSource(playlistUrl);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = playlistUrl; // Safari on iPhone and iPad has no MSE but plays HLS itself.
      video.addEventListener('loadedmetadata', play, { once: true });
    } else {
      say('This browser can play neither HLS nor Media Source Extensions.');
    }
  }

  // A stall or a lost network ends hls.js's retries with a fatal error: start loading again (network) or rebuild
  // the media pipeline (decoder); anything else starts a new player on the same video, without reloading the page.
  function recover(data) {
    recoveries++;
    say('Reconnecting to the stream (' + data.details + ')…');
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
      setTimeout(() => hls.startLoad(), Math.min(8000, 1000 * recoveries));
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      hls.recoverMediaError();
    } else {
      hls.destroy();
      setTimeout(start, 2000);
    }
  }

  // How far behind the live edge the picture is; a finished session (its playlist has ENDLIST) just plays.
  setInterval(() => {
    const level = hls && hls.levels ? hls.levels[Math.max(0, hls.currentLevel)] : null;
    const live = hls ? Boolean(level && level.details && level.details.live) : video.duration === Infinity;
    let behind = null;
    if (hls && live && Number.isFinite(hls.latency)) {
      behind = hls.latency;
    } else if (!hls && live && video.seekable.length) {
      behind = video.seekable.end(video.seekable.length - 1) - video.currentTime;
    }
    $('behind').textContent = behind !== null ? behind.toFixed(1) + ' s behind live'
      : live || video.readyState < 1 ? '' : 'Broadcast ended';
    $('behind').dataset.seconds = behind === null ? '' : behind.toFixed(2);
  }, 1000);

  requestAnimationFrame(drawFlat);
  start();
})();
