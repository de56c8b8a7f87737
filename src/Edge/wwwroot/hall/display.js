// The hall display: subscribes to /hubs/hall with the screen token from the URL fragment
// (#token=..., never sent to the server by the browser), draws the snapshot, applies events,
// announces calls, and after any reconnect subscribes again for a fresh snapshot.
(() => {
  'use strict';

  const RECENT_LIMIT = 8;
  const hallId = decodeURIComponent(location.pathname.split('/')[2] || '');
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  const state = { name: '', windows: new Map(), queues: new Map(), recent: [], screenWindowId: null };
  const $ = id => document.getElementById(id);

  function setStatus(kind, text) {
    document.body.dataset.state = kind;
    $('status').textContent = text;
  }

  function tick() {
    const now = new Date();
    $('clock').textContent = now.toLocaleString('zh-CN', { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  const statusText = { idle: '空闲', serving: '办理中', paused: '暂停服务' };

  function windowName(windowId) {
    const known = state.windows.get(windowId);
    return known && known.name ? known.name : windowId;
  }

  function drawWindows() {
    const list = $('windows');
    const template = $('window-template');
    const shown = [...state.windows.values()].filter(w => !state.screenWindowId || w.windowId === state.screenWindowId);
    const items = shown.map(w => {
      const existing = list.querySelector(`[data-window-id="${CSS.escape(w.windowId)}"]`);
      const item = existing || template.content.firstElementChild.cloneNode(true);
      item.dataset.windowId = w.windowId;
      item.dataset.status = w.status;
      item.querySelector('.window-name').textContent = w.name || w.windowId;
      item.querySelector('.window-ticket').textContent = w.currentTicket || '—';
      item.querySelector('.window-status').textContent = statusText[w.status] || w.status;
      return item;
    });
    list.replaceChildren(...items);
  }

  function drawRecent() {
    $('recent').replaceChildren(...state.recent.slice(0, RECENT_LIMIT).map(call => {
      const item = document.createElement('li');
      item.dataset.ticketId = call.ticketId;
      const ticket = document.createElement('span');
      ticket.textContent = call.ticketNumber;
      const where = document.createElement('span');
      where.textContent = windowName(call.windowId);
      item.append(ticket, where);
      if (call.callCount > 1) {
        const recall = document.createElement('span');
        recall.className = 'recall';
        recall.textContent = `第${call.callCount}次`;
        item.append(recall);
      }
      return item;
    }));
  }

  function drawQueues() {
    $('queues').replaceChildren(...[...state.queues.values()].map(q => {
      const item = document.createElement('li');
      item.dataset.queueId = q.queueId;
      const name = document.createElement('span');
      name.textContent = q.name || q.queueId;
      const waiting = document.createElement('span');
      waiting.className = 'queue-waiting';
      waiting.textContent = `${q.waiting} 人`;
      item.append(name, waiting);
      return item;
    }));
  }

  function showLatest(call) {
    const latest = $('latest');
    $('latest-ticket').textContent = call.ticketNumber;
    $('latest-window').textContent = windowName(call.windowId);
    latest.hidden = false;
    latest.classList.remove('flash');
    // Restarting the animation needs a reflow between removing and adding the class.
    void latest.offsetWidth;
    latest.classList.add('flash');
  }

  function announce(call) {
    if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') {
      return;
    }
    try {
      const utterance = new SpeechSynthesisUtterance(`请${call.ticketNumber}号到${windowName(call.windowId)}办理`);
      utterance.lang = 'zh-CN';
      utterance.rate = 0.9;
      // Queued, not cancelled: two windows calling at once are both announced, in order.
      window.speechSynthesis.speak(utterance);
    } catch (error) {
      console.warn('speech failed', error);
    }
  }

  function applySnapshot(snapshot) {
    state.name = snapshot.name;
    state.screenWindowId = snapshot.screenWindowId || null;
    state.windows = new Map(snapshot.windows.map(w => [w.windowId, w]));
    state.queues = new Map(snapshot.queues.map(q => [q.queueId, q]));
    state.recent = snapshot.recentCalls.slice();
    document.title = `${snapshot.name} · 叫号屏`;
    $('hall-name').textContent = snapshot.name;
    document.body.classList.toggle('single-window', Boolean(state.screenWindowId));
    drawWindows();
    drawRecent();
    drawQueues();
    if (state.recent.length > 0) {
      showLatest(state.recent[0]);
    }
  }

  function applyCall(call) {
    if (state.screenWindowId && call.windowId !== state.screenWindowId) {
      return;
    }
    if (state.recent.some(c => c.ticketId === call.ticketId && c.callCount === call.callCount)) {
      return;
    }
    state.recent.unshift(call);
    state.recent.length = Math.min(state.recent.length, RECENT_LIMIT);
    const known = state.windows.get(call.windowId);
    if (known) {
      state.windows.set(call.windowId, { ...known, status: 'serving', currentTicket: call.ticketNumber, currentTicketId: call.ticketId });
    }
    drawWindows();
    drawRecent();
    showLatest(call);
    const item = $('windows').querySelector(`[data-window-id="${CSS.escape(call.windowId)}"]`);
    if (item) {
      item.classList.add('just-called');
      setTimeout(() => item.classList.remove('just-called'), 5000);
    }
    announce(call);
  }

  function applyWindow(status) {
    const known = state.windows.get(status.windowId);
    // Statuses may arrive around a snapshot that already holds a newer one.
    if (known && known.since && Date.parse(known.since) > Date.parse(status.since)) {
      return;
    }
    state.windows.set(status.windowId, status);
    drawWindows();
  }

  function applyQueue(stats) {
    const known = state.queues.get(stats.queueId) || { queueId: stats.queueId, name: stats.queueId };
    state.queues.set(stats.queueId, { ...known, waiting: stats.waiting, issued: stats.issued, quotaLeft: stats.quotaLeft });
    drawQueues();
  }

  if (!token || !hallId) {
    setStatus('refused', '缺少屏幕令牌');
    return;
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/hall', { accessTokenFactory: () => token })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => Math.min(1000 * 2 ** Math.min(context.previousRetryCount, 4), 15000) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  connection.on('ticketCalled', applyCall);
  connection.on('ticketRecalled', applyCall);
  connection.on('windowStatusChanged', applyWindow);
  connection.on('queueStatsChanged', applyQueue);

  async function subscribe() {
    applySnapshot(await connection.invoke('subscribe', hallId));
    setStatus('connected', '已连接');
  }

  connection.onreconnecting(() => setStatus('reconnecting', '连接中断，正在重连…'));
  connection.onreconnected(() => subscribe().catch(error => {
    console.warn('subscribe failed', error);
    connection.stop();
  }));
  // Automatic reconnection gives up after a failed handshake (a removed screen, a restart
  // that took long); the page keeps trying on its own, slowly.
  connection.onclose(() => {
    setStatus('disconnected', '连接已断开，正在重试…');
    setTimeout(start, 10000);
  });

  let starting = false;
  async function start() {
    if (starting || connection.state !== signalR.HubConnectionState.Disconnected) {
      return;
    }
    starting = true;
    try {
      setStatus('starting', '正在连接…');
      await connection.start();
      await subscribe();
    } catch (error) {
      console.warn('connect failed', error);
      setStatus('disconnected', '无法连接，正在重试…');
      if (connection.state === signalR.HubConnectionState.Disconnected) {
        setTimeout(start, 5000);
      } else {
        connection.stop();
      }
    } finally {
      starting = false;
    }
  }

  tick();
  setInterval(tick, 1000);
  start();
})();
