// VR mode of the watch page: an immersive WebXR session in which a virtual screen hangs in front of the viewer and
// each eye's view samples its own half of the side-by-side frame, so the depth the converter made is seen as depth.
// The screen's width and distance come from the page's sliders, or a controller's thumbstick in the headset.
'use strict';

const StereoWatchXr = (() => {
  const SIZE_KEY = 'stereospot.watch.vr.sizeM';
  const DISTANCE_KEY = 'stereospot.watch.vr.distanceM';
  /** Thumbstick speed: metres a second at full tilt. */
  const STICK_M_PER_S = 1.5;
  let session = null;
  let sizeInput = null;
  let distanceInput = null;

  /** Column-major 4×4 product a·b, as WebXR's matrices are laid out. */
  function multiply(a, b) {
    const out = new Float32Array(16);
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < 4; r++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) {
          sum += a[k * 4 + r] * b[c * 4 + k];
        }
        out[c * 4 + r] = sum;
      }
    }
    return out;
  }

  const clamp = (input, value) => Math.min(Number(input.max), Math.max(Number(input.min), value));

  function remember(input, key, fallback) {
    input.value = String(clamp(input, Number(localStorage.getItem(key)) || fallback));
    input.addEventListener('input', () => localStorage.setItem(key, input.value));
  }

  /** Sets up the sliders, and the VR button where the browser can open an immersive session. */
  function offer(size, distance, button, say) {
    sizeInput = size;
    distanceInput = distance;
    remember(sizeInput, SIZE_KEY, 3);
    remember(distanceInput, DISTANCE_KEY, 3);
    button.disabled = true;
    // The sliders are for VR only: shown once the browser can open a VR session.
    size.parentElement.hidden = true;
    distance.parentElement.hidden = true;
    if (!navigator.xr || !window.isSecureContext) {
      // On the LAN the window's QR code gives the https address; its certificate is the server's own.
      button.title = 'VR needs a browser with WebXR on https:// or localhost (a headset\'s browser): open the'
        + ' https address of the QR code; the browser warns once about the certificate (Advanced, then Proceed).';
      return;
    }
    navigator.xr.isSessionSupported('immersive-vr').then(ok => {
      button.disabled = !ok;
      size.parentElement.hidden = !ok;
      distance.parentElement.hidden = !ok;
      if (!ok) {
        button.title = 'This browser has WebXR but no VR headset.';
      }
    }, () => say('This browser could not tell whether it can show VR.'));
  }

  /** The thumbstick of any controller: left-right widens the screen, forward-back moves it. */
  function steer(frameSession, dtS) {
    for (const source of frameSession.inputSources) {
      const axes = source.gamepad ? source.gamepad.axes : [];
      if (axes.length >= 4 && (Math.abs(axes[2]) > 0.2 || Math.abs(axes[3]) > 0.2)) {
        sizeInput.value = String(clamp(sizeInput, Number(sizeInput.value) + axes[2] * STICK_M_PER_S * dtS));
        distanceInput.value = String(clamp(distanceInput, Number(distanceInput.value) + axes[3] * STICK_M_PER_S * dtS));
        localStorage.setItem(SIZE_KEY, sizeInput.value);
        localStorage.setItem(DISTANCE_KEY, distanceInput.value);
      }
    }
  }

  /** Opens the session (call from a click) and draws every frame of it. */
  async function enter({ gl, upload, drawQuad, halfSize, say }) {
    if (session) {
      session.end();
      return;
    }
    try {
      session = await navigator.xr.requestSession('immersive-vr');
    } catch (e) {
      say('The headset refused VR: ' + e.message);
      return;
    }
    await gl.makeXRCompatible();
    session.updateRenderState({ baseLayer: new XRWebGLLayer(session, gl) });
    const space = await session.requestReferenceSpace('local');
    let frames = 0;
    let lastMs = null;
    session.addEventListener('end', () => {
      session = null;
      document.body.dataset.xrFrames = '';
    });
    const onFrame = (timeMs, frame) => {
      const frameSession = frame.session;
      frameSession.requestAnimationFrame(onFrame);
      steer(frameSession, lastMs === null ? 0 : (timeMs - lastMs) / 1000);
      lastMs = timeMs;
      const pose = frame.getViewerPose(space);
      if (!pose) {
        return;
      }
      const layer = frameSession.renderState.baseLayer;
      gl.bindFramebuffer(gl.FRAMEBUFFER, layer.framebuffer);
      gl.clearColor(0.05, 0.05, 0.05, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      upload();
      const [w, h] = halfSize();
      const widthM = Number(sizeInput.value);
      const heightM = w ? widthM * h / w : widthM * 9 / 16;
      // The quad's corners are ±1: scale it to the screen's size and put it straight ahead at eye height.
      const model = new Float32Array([widthM / 2, 0, 0, 0, 0, heightM / 2, 0, 0, 0, 0, 1, 0,
                                      0, 0, -Number(distanceInput.value), 1]);
      for (const view of pose.views) {
        const viewport = layer.getViewport(view);
        gl.viewport(viewport.x, viewport.y, viewport.width, viewport.height);
        const mvp = multiply(view.projectionMatrix, multiply(view.transform.inverse.matrix, model));
        drawQuad(3, view.eye === 'right' ? 0.5 : 0, mvp);
      }
      document.body.dataset.xrFrames = String(++frames);
    };
    session.requestAnimationFrame(onFrame);
  }

  return { offer, enter, active: () => session !== null };
})();
