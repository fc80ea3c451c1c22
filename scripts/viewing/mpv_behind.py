#!/usr/bin/env python3
"""How far behind the capture mpv plays a live StereoSpot playlist, sampled through mpv's JSON IPC.

mpv runs with --rebase-start-time=no, so time-pos is the stream's own timestamp: the segments sit back to back from
TransportStreamRemuxer.LEAD_IN_SECONDS (1.0 s), segment k at the sum of the EXTINF durations before it, and segment
k's first frame was captured at its EXT-X-PROGRAM-DATE-TIME. Behind = now - (PDT[k] + (pos - start[k])).
Usage: mpv_behind.py PLAYLIST_URL SECONDS [extra mpv options...]; prints one JSON line.
"""
import datetime, json, os, socket, subprocess, sys, tempfile, time, urllib.request

LEAD_IN = 1.0
url, seconds, extra = sys.argv[1], float(sys.argv[2]), sys.argv[3:]


def playlist():
    # Asked for segment 0 (_HLS_msn=0), which is listed by the time mpv plays: answered at once. A plain request
    # would be held while the next segment is being converted (the server's ReloadRule), thinning the samples.
    text = urllib.request.urlopen(url + '?_HLS_msn=0', timeout=30).read().decode()
    segs, pdt = [], None
    for line in text.splitlines():
        if line.startswith('#EXT-X-PROGRAM-DATE-TIME:'):
            pdt = datetime.datetime.fromisoformat(line.split(':', 1)[1].replace('Z', '+00:00')).timestamp()
        elif line.startswith('#EXTINF:'):
            segs.append([float(line[8:].split(',')[0]), pdt])
            pdt = None
    start = LEAD_IN
    for s in segs:
        s.append(start)
        start += s[0]
    return segs


sock_path = os.path.join(tempfile.mkdtemp(), 'mpv.sock')
mpv = subprocess.Popen(['mpv', '--no-config', '--vo=null', '--ao=null', '--rebase-start-time=no',
                        '--input-ipc-server=' + sock_path, '--msg-level=all=warn'] + extra + [url],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
behind, began = [], time.time()
try:
    while not os.path.exists(sock_path) and mpv.poll() is None:
        time.sleep(0.1)
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock_path)
    f = s.makefile('rw')
    played_from = None
    while time.time() - began < seconds + 60 and mpv.poll() is None:
        f.write(json.dumps({'command': ['get_property', 'time-pos']}) + '\n')
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if 'error' in reply:
                break
        now = time.time()
        pos = reply.get('data')
        if reply['error'] == 'success' and pos is not None:
            played_from = played_from or now
            for dur, pdt, start in reversed(playlist()):
                if pos >= start - 0.05 and pdt:
                    behind.append(round(now - (pdt + (pos - start)), 3))
                    break
            if now - played_from >= seconds:
                break
        time.sleep(0.5)
finally:
    mpv.terminate()
    mpv.wait()
print(json.dumps({'behind': behind}))
