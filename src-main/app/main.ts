/**
 * The Electron main process: lifecycle and wiring only. The core (supervised collector, command
 * handlers, policy) is the same as the headless host's; this file injects Electron into it.
 * Order matters: the AppUserModelID and the app:// scheme's privileges are set before the app is
 * ready and before any window exists; the single-instance lock is taken before anything starts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, nativeImage, nativeTheme, Notification, protocol, screen, session, Tray, utilityProcess, type WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { PORT_CHANNEL } from '../../src-shared/ipc.ts';
import { AlertService } from '../alerts/alert-service.ts';
import { createRuleEvaluator } from '../alerts/rule-evaluator.ts';
import { createCommandHandlers, runCommand, type CollectorControl } from '../control/command-handlers.ts';
import { currentUserName } from '../core/current-user.ts';
import { createSystemPages } from '../core/system-pages.ts';
import { BroadcastHub } from '../core/broadcast-hub.ts';
import { CollectorSupervisor } from '../core/collector-supervisor.ts';
import { utilityInventoryLauncher, type ForkInventoryUtility } from '../inventory/inventory-launcher.ts';
import { startInventory } from '../inventory/inventory-service.ts';
import { answerParsedQuery } from '../core/query-service.ts';
import { RecentSeriesRing } from '../core/recent-series-ring.ts';
import { withCommandHistory } from '../history/history-commands.ts';
import { HistoryStore } from '../history/history-store.ts';
import { AlertNotifier, focusTargetOf } from './alert-notifier.ts';
import { parseAppArgs } from './app-args.ts';
import { APP_SCHEME, APP_START_URL, APP_USER_MODEL_ID } from './app-identity.ts';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { AppSettingsFile } from './app-settings.ts';
import { registerIpcHandlers } from './ipc.ts';
import { openMainWindow, showWindow } from './main-window.ts';
import { PushPublisher } from './push-port.ts';
import { raisePriority } from './raise-priority.ts';
import { isTrustedSender } from './sender-check.ts';
import { ShellController } from './shell-controller.ts';
import { createSystemIntegration, type AppSystemIntegration } from './system-integration.ts';
import { createExecFileRunner, createWindowsIntegration } from './windows-integration/windows-integration.ts';
import { unexpectedSwitches } from './windows-integration/launch-args.ts';
import { executablePath, userDataOverride } from './launch-trust.ts';
import { elevatedStateFolder } from './windows-integration/elevated-state.ts';
import { loadWindowsSecurityApi } from '../core/windows-security-api.ts';
import { TrayController } from './tray.ts';
import { isSignedBuild, startAutoUpdate, updatePolicy, type AutoUpdaterLike } from './updater.ts';
import { utilityCollectorLauncher, type ForkUtility } from './utility-collector-launcher.ts';
import { createIconHandler } from './icon-handler.ts';
import { hardenSession, hardenWebContents } from './web-security.ts';
import { handleExportDownloads } from './export-downloads.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
const args = parseAppArgs(process.argv);
const appRoot = app.getAppPath();
const distPath = (...parts: string[]) => path.join(appRoot, 'dist', ...parts);
const SMOKE_TEST_TIMEOUT_MS = 30_000;
/** A start in place of taskmgr.exe that shows nothing by then falls back to the real one. */
const REPLACEMENT_START_TIMEOUT_MS = 15_000;
/** A page that keeps crashing is reloaded this many times, then left for the user to see. */
const MAX_RENDERER_RELOADS = 3;

/** The one window, once it exists (a second launch during start-up shows it when it does). */
let mainWindow: BrowserWindow | null = null;
let isShowRequested = false;

const launchEnvironment = { platform: process.platform, execPath: process.execPath, isPackaged: app.isPackaged, env: process.env };
// A packaged build honours no switch it does not know: Windows appends a caller's taskmgr command
// line after our IFEO value (past its `--`), and a Chromium switch such as --remote-debugging-port
// must never reach an elevated instance (the fuses cover only Node's).
const unexpected = app.isPackaged ? unexpectedSwitches(process.argv) : [];
// Tests and development builds give the app a folder of its own: settings, storage and the
// single-instance lock live there, apart from an installed copy's. A packaged build ignores it.
const userDataDir = userDataOverride(launchEnvironment);
if (userDataDir !== null) app.setPath('userData', path.resolve(userDataDir));
// An installed, elevated instance on Windows keeps its profile in a folder only administrators can
// change, never in the user's %APPDATA% (elevated-state.ts); where that can't be had it does not start.
const stateProblem = app.isPackaged && process.platform === 'win32' ? useElevatedStateFolder() : null;
app.setAppUserModelId(APP_USER_MODEL_ID);
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (unexpected.length > 0) {
  log(`refusing to start with switches this app does not use: ${unexpected.join(', ')}`);
  app.exit(2);
} else if (stateProblem !== null) {
  dialog.showErrorBox('Task Manager', `Task Manager can't run as administrator here: ${stateProblem}.`);
  app.exit(3);
} else {
  void boot().catch((error: unknown) => {
    log(`startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });
}

/** Points userData at the elevated profile when this instance is elevated; the reason when it can't. */
function useElevatedStateFolder(): string | null {
  const security = loadWindowsSecurityApi(process.platform);
  if (security === null) return null; // no koffi: nothing of the Windows integration works, elevated or not
  const isElevated = security.isElevated();
  if (isElevated === null) return 'Windows would not say whether Task Manager is running as administrator';
  if (!isElevated) return null;
  const folder = elevatedStateFolder(security);
  if (!folder.ok) return folder.reason;
  app.setPath('userData', folder.path);
  return null;
}

/**
 * Who may start: the elevated helper that only opens Windows' Task Manager past IFEO exits before
 * taking the lock; a second instance (a second launch, or Ctrl+Shift+Esc while we replace Task
 * Manager) hands over to the first through 'second-instance' and leaves; an opted-in start that
 * isn't elevated runs the task and leaves.
 */
async function boot(): Promise<void> {
  const windows = createWindowsIntegration({
    runner: createExecFileRunner(),
    platform: process.platform,
    exePath: executablePath(launchEnvironment),
    isPackaged: app.isPackaged,
    argv: process.argv,
  });
  const integration = createSystemIntegration(windows, {
    release: () => app.releaseSingleInstanceLock(),
    acquire: () => app.requestSingleInstanceLock(),
    // Another instance took the lock while ours was let go (a launch during the UAC prompt): it
    // is the one instance now.
    onLost: () => app.quit(),
  });
  if (integration.launch.isOpenWindowsTaskManagerHelper) {
    const opened = await integration.runOpenWindowsTaskManagerHelper();
    if (!opened.ok) log(`Windows Task Manager: ${opened.message}`);
    app.exit(opened.ok ? 0 : 1);
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // An elevated start re-checks that its files are administrators' alone; if not, it turns off
  // what would let a non-elevated process's swapped file run elevated.
  void integration.enforceInstallSafety().then((undone) => {
    if (undone !== null) log(`elevation: ${undone}`);
  });
  // From now on a second launch hands over to this instance, even before the window exists.
  app.on('second-instance', () => {
    if (mainWindow) showWindow(mainWindow);
    else isShowRequested = true;
  });
  if (integration.launch.isReplacedTaskManager) {
    // If this start fails, the user still gets a task manager: Windows' own, past the IFEO value.
    const fallback = setTimeout(() => {
      void integration.fallbackToWindowsTaskManager().then((result) => {
        if (result.ok) app.quit();
        else log(`Windows Task Manager: ${result.message}`);
      });
    }, REPLACEMENT_START_TIMEOUT_MS);
    app.once('browser-window-created', (_event, created) => created.webContents.once('did-finish-load', () => clearTimeout(fallback)));
  }
  const settings = new AppSettingsFile(path.join(app.getPath('userData'), 'window-settings.json'));
  // Only a user who opted in pays for asking Task Scheduler at start (the answer is remembered).
  if (settings.value.isStartElevatedEnabled && (await integration.relaunchViaTaskIfOptedIn(process.argv))) {
    app.quit();
    return;
  }
  try {
    await start(integration, settings);
  } catch (error) {
    if (integration.launch.isReplacedTaskManager) await integration.fallbackToWindowsTaskManager();
    throw error;
  }
}

/** The collector, with the page's update speed remembered for the next start (one user, one setting). */
function rememberedCollector(supervisor: CollectorSupervisor, settings: AppSettingsFile): CollectorControl {
  return {
    configure: (change) => {
      supervisor.configure(change);
      const saved = settings.update({
        ...(change.intervalMs === undefined ? {} : { updateIntervalMs: change.intervalMs }),
        ...(change.isPaused === undefined ? {} : { isUpdatePaused: change.isPaused }),
      });
      if (!saved.ok) log(`settings: ${saved.message}`);
    },
  };
}

async function start(integration: AppSystemIntegration, settings: AppSettingsFile): Promise<void> {
  await app.whenReady();
  // Windows and Linux: no menu bar. macOS keeps the app and edit menus (Quit, copy and paste in the search box).
  Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
  hardenDefaultSession();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(distPath('renderer')));

  const supervisor = new CollectorSupervisor({
    launch: utilityCollectorLauncher(utilityProcess.fork as ForkUtility, distPath('collector', 'collector-process.js')),
    // The update speed chosen last time: the app's sampling rate from the first sample.
    start: { intervalMs: settings.value.updateIntervalMs, isPaused: settings.value.isUpdatePaused, hostPids: [process.pid], includeLoopback: false },
    onSampleFailed: (error) => log(`collector: a sample failed: ${error.message}`),
  });
  // Every process of this app (main, renderer, GPU, network service, the collector), as Electron
  // counts them: all are PROTECTED unless chosen explicitly, and summed into "own cost".
  const ownPids = () => new Set([process.pid, ...app.getAppMetrics().map((metric) => metric.pid), ...(supervisor.collectorPid === undefined ? [] : [supervisor.collectorPid])]);
  if (args.historyKeep?.ok === false) log(`history: ${args.historyKeep.message}; keeping the default retention`);
  const history = new HistoryStore({ dir: path.join(app.getPath('userData'), 'history'), log, retention: args.historyKeep?.ok ? args.historyKeep.value : undefined });
  // The rules decide what this app does to processes on its own, so they live in its profile: an
  // elevated instance's is ProgramData's administrators-only folder (useElevatedStateFolder), where
  // a process that isn't elevated can't plant a rule for it. Control is the user's own here.
  const alerts = new AlertService({
    evaluator: createRuleEvaluator(),
    rulesFile: path.join(app.getPath('userData'), 'rules.json'),
    runCommand: (name, commandArgs) => runCommand(handlers, name, commandArgs),
    isControlAllowed: true,
    ownPids,
    ownUser: currentUserName(),
    history,
    log,
  });
  // Startup apps, Services and Users: this OS's adapters, read when asked (src-main/core/system-pages.ts).
  const systemPages = createSystemPages({ latest: () => supervisor.latest, history });
  // Every command a user runs is noted in history (src-main/history/history-commands.ts).
  const handlers = withCommandHistory(
    createCommandHandlers({
      collector: rememberedCollector(supervisor, settings),
      latest: () => supervisor.latest,
      ownPids,
      bootTimeMs: () => supervisor.startTimeBasis?.bootTimeMs ?? null,
      history,
      alerts,
      ...systemPages.platforms,
    }),
    history,
  );
  await alerts.load();

  let window: BrowserWindow | null = null;
  let tray: TrayController | null = null;
  const shell = new ShellController({
    platform: process.platform,
    settings,
    integration,
    hasTray: () => tray !== null,
    applyAlwaysOnTop: (isOn) => window?.setAlwaysOnTop(isOn),
    quitForElevated: () => app.quit(),
    log,
  });
  // The machine's facts, once per boot, in a utility process of their own (the fuses forbid running
  // this binary as Node): src-main/inventory/.
  const inventory = startInventory({
    cacheDir: app.getPath('userData'),
    snapshots: (listener) => supervisor.onSnapshot((snapshot) => listener(snapshot)),
    launch: utilityInventoryLauncher(utilityProcess.fork as ForkInventoryUtility),
  });
  const ring = new RecentSeriesRing();
  const broadcasts = new BroadcastHub({ inventory });
  const publisher = new PushPublisher({ retainedBroadcasts: () => broadcasts.retained() });
  broadcasts.subscribe((broadcast) => publisher.publishBroadcast(broadcast));
  // An OS notification per fired alert; its click shows the window on what the alert is about.
  const notifier = new AlertNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onClick: (alert) => {
      if (window) showWindow(window);
      shell.requestFocus(alert.id, focusTargetOf(alert));
    },
  });
  broadcasts.subscribe((broadcast) => notifier.onBroadcast(broadcast));
  broadcasts.publish({ type: 'rules', view: alerts.rulesView() });
  const offAlerts = alerts.onBroadcast((broadcast) => broadcasts.publish(broadcast));
  // Paused (the disk is full), recording again, read-only (another instance writes), a file set aside.
  history.onStatus((status) => broadcasts.publish({ type: 'historyStatus', status }));
  supervisor.onSnapshot((snapshot, delta) => {
    ring.pushSnapshot(snapshot);
    history.record(snapshot);
    publisher.publishSnapshot(snapshot, delta);
    tray?.addReading(snapshot.cpu.totalPercent);
    alerts.onSnapshot(snapshot);
  });
  supervisor.onStatus((status) => {
    publisher.publishStatus(status);
    if (status.state === 'down') log(`collector: down (${status.message ?? 'no reason given'}); restarting`);
    if (status.state === 'up') reportPriority(raisePriority(supervisor.collectorPid === undefined ? [] : [supervisor.collectorPid]));
  });
  shell.onChange((state) => {
    publisher.publishShell(state);
    tray?.setShellState(state);
  });

  const trustedContents = new Set<number>();
  registerIpcHandlers({
    ipcMain,
    handlers,
    shellHandlers: {
      ...shell.handlers,
      getProcessIcon: createIconHandler({
        latest: () => supervisor.latest,
        load: async (file) => {
          const image = await app.getFileIcon(file, { size: 'small' });
          return image.isEmpty() ? null : image.toDataURL();
        },
      }),
    },
    isTrusted: (event) => isTrustedSender(event, trustedContents),
    answerQuery: (query) => answerParsedQuery(query, { ring, inventory, history, alerts, ...systemPages.views }),
    // Main's own question, not the page's (main-confirmation.ts); Cancel is the default answer.
    confirm: async (question) => {
      const options = {
        type: 'warning' as const,
        title: question.title,
        message: question.message,
        detail: question.detail,
        buttons: [question.confirmLabel, 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
    senderOf: (event) => event.sender,
    onPortRequest: (sender) => {
      const { port1, port2 } = new MessageChannelMain();
      publisher.attach(sender.id, port1);
      sender.postMessage(PORT_CHANNEL, null, [port2]);
    },
    log,
  });

  reportPriority(raisePriority([process.pid]));
  tray = createTray(shell, () => window);
  window = openMainWindow(
    {
      createWindow: (options) => new BrowserWindow(options),
      workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
      settings,
      preloadPath: distPath('preload', 'preload.cjs'),
      iconPath: fs.existsSync(distPath('icon.png')) ? distPath('icon.png') : null,
      startUrl: APP_START_URL,
      isDarkTheme: nativeTheme.shouldUseDarkColors,
      isDevToolsAllowed: !app.isPackaged,
      hasTray: () => tray !== null,
      log,
    },
    args.isHidden,
  );
  const contents = window.webContents;
  const contentsId = contents.id;
  trustedContents.add(contentsId);
  contents.on('did-finish-load', () => {
    supervisor.configure({ hostPids: [...ownPids()].filter((pid) => pid !== supervisor.collectorPid) });
  });
  let reloads = 0;
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    reloads += 1;
    log(`window: the page's process ended (${details.reason}); ${reloads <= MAX_RENDERER_RELOADS ? 'reloading' : 'not reloading again'}`);
    if (reloads <= MAX_RENDERER_RELOADS) contents.reload();
  });
  mainWindow = window;
  if (isShowRequested) showWindow(window);
  window.on('closed', () => {
    trustedContents.delete(contentsId);
    publisher.detach(contentsId);
    window = null;
    mainWindow = null;
    app.quit();
  });

  let isQuitting = false;
  app.on('before-quit', (event) => {
    if (isQuitting) return;
    isQuitting = true;
    event.preventDefault();
    // app.exit() below skips the window's 'close': save its bounds here.
    if (window && !window.isDestroyed()) settings.update({ windowBounds: window.getNormalBounds(), isMaximized: window.isMaximized() });
    offAlerts();
    publisher.close();
    inventory.stop();
    systemPages.close();
    tray?.destroy();
    tray = null; // a snapshot still in flight must not reach a destroyed tray
    // The rules first: they resume what they suspended, and note it in history.
    void alerts
      .close()
      .catch((error: unknown) => log(`alerts: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => void Promise.allSettled([supervisor.stop(), history.close()]).finally(() => app.exit(0)));
  });

  supervisor.start();
  await shell.refresh();
  if (args.isSmokeTest) armSmokeTest(contents, supervisor);
  void startUpdates(integration).catch((error: unknown) => log(`updater: ${error instanceof Error ? error.message : String(error)}`));
}

function hardenDefaultSession(): void {
  hardenSession(session.defaultSession);
  // The page's exports: a Save dialog each, never a silent write; any other download is cancelled.
  handleExportDownloads(session.defaultSession, { downloadsDir: () => app.getPath('downloads'), log });
  // Every web contents, not only the window's: a devtools or future one gets the same fences.
  app.on('web-contents-created', (_event, created) => hardenWebContents(created, (what, url) => log(`blocked ${what} to ${url}`)));
}

function createTray(shell: ShellController, windowOf: () => BrowserWindow | null): TrayController | null {
  // macOS shows the figure in the Dock and its menu bar icons are templates: no mini-graph there.
  if (process.platform === 'darwin') return null;
  try {
    return new TrayController({
      createTray: (image) => new Tray(image),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      imageOf: (bitmap, scaleFactor) =>
        nativeImage.createFromBitmap(Buffer.from(bitmap.pixels.buffer, bitmap.pixels.byteOffset, bitmap.pixels.byteLength), {
          width: bitmap.width,
          height: bitmap.height,
          scaleFactor,
        }),
      scaleFactor: screen.getPrimaryDisplay().scaleFactor,
      actions: {
        show: () => {
          const window = windowOf();
          if (window) showWindow(window);
        },
        setAlwaysOnTop: (isOn) => void shell.handlers.setShellSettings({ isAlwaysOnTop: isOn }),
        openWindowsTaskManager: () => void shell.handlers.openWindowsTaskManager({}),
        quit: () => app.quit(),
      },
    });
  } catch (error) {
    log(`tray: not available (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

function reportPriority(refused: { pid: number; reason: string }[]): void {
  for (const { pid, reason } of refused) log(`priority: pid ${pid} stays at normal priority (${reason})`);
}

function armSmokeTest(contents: WebContents, supervisor: CollectorSupervisor): void {
  const timeout = setTimeout(() => {
    log('smoke test: no snapshot reached a loaded window in time');
    app.exit(1);
  }, SMOKE_TEST_TIMEOUT_MS);
  const check = () => {
    if (supervisor.latest && !contents.isLoading()) {
      clearTimeout(timeout);
      log(`smoke test: window loaded, snapshot ${supervisor.latest.seq} with ${supervisor.latest.processes.length} processes`);
      app.exit(0);
    }
  };
  supervisor.onSnapshot(check);
  contents.on('did-finish-load', check);
}

async function startUpdates(integration: AppSystemIntegration): Promise<void> {
  let packageJson: string | null;
  try {
    packageJson = fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8');
  } catch {
    packageJson = null;
  }
  const { isElevated } = await integration.getState();
  const policy = updatePolicy({ isPackaged: app.isPackaged, isSigned: isSignedBuild(packageJson), platform: process.platform, isElevated, env: process.env });
  if (!policy.isEnabled) {
    log(`updater: off (${policy.reason})`);
    return;
  }
  // Loaded only when on: nothing of electron-updater runs in a build that never updates.
  const { default: updaterModule } = await import('electron-updater');
  startAutoUpdate(updaterModule.autoUpdater as unknown as AutoUpdaterLike, log);
}
