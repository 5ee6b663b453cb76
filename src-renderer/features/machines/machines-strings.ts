/**
 * The words of the machine switcher, the Connect to machine… dialog and the bar that names the
 * machine shown (desktop app only). In their own module so they load with those views (lazy
 * chunks, never in a browser view), not with the first script.
 */
export const machinesStrings = {
  switcher: {
    /** The header's menu button: which machine the window shows. */
    button: (name: string) => `Machine: ${name}`,
    thisComputer: 'This computer',
    connect: 'Connect to machine…',
    forget: (name: string) => `Forget ${name}`,
    showFailed: (name: string, message: string) => `Could not show ${name}: ${message}`,
    forgetFailed: (name: string, message: string) => `Could not forget ${name}: ${message}`,
  },
  bar: {
    viewing: (name: string, url: string) => `Viewing ${name} (${url})`,
    states: {
      connecting: 'connecting…',
      connected: 'connected',
      unreachable: 'unreachable',
      refused: 'refused',
    },
    /** The state and why, when it says why. */
    stateWithMessage: (state: string, message: string) => `${state}: ${message}`,
    viewOnly: 'view only: no control token is kept, so the host refuses actions',
  },
  /** The window's title while another machine is shown. */
  title: (appTitle: string, name: string) => `${appTitle} — ${name}`,
  dialog: {
    title: 'Connect to machine',
    help: 'Another computer’s task manager: a host started with serve, its address and the token it was given. With its control token you can also end processes there.',
    url: 'Address',
    urlPlaceholder: 'https://build-server:8737',
    name: 'Name',
    namePlaceholder: (host: string) => host || 'build-server',
    token: 'Token',
    controlToken: 'Control token (optional; needed to end processes there)',
    tokenMissing: 'type the token the host was started with (serve --token)',
    next: 'Check the certificate',
    probing: 'Reading the host’s certificate…',
    certificateHelp:
      'Check this fingerprint against the one the host printed when it started (or: openssl x509 -noout -fingerprint -sha256 -in its certificate). Trust it only if they match: once trusted it is pinned, and a host with another certificate is refused.',
    fingerprint: 'SHA-256 fingerprint',
    subject: 'Subject',
    issuer: 'Issuer',
    unknown: '—',
    plainHttp: 'Plain http to this computer: there is no certificate to check, and the token never leaves this computer.',
    pinnedChanged: (name: string | null) =>
      `This address was trusted before with another certificate (below). If you did not change the host’s certificate, someone may be in between. The connection will be refused until you forget ${name ?? 'the machine'} and trust the new certificate.`,
    pinnedBefore: 'Trusted before',
    trust: 'Trust and connect',
    connectPlain: 'Connect',
    connecting: 'Connecting…',
    back: 'Back',
    cancel: 'Cancel',
    probeFailed: (message: string) => `Could not read the host’s certificate: ${message}`,
    refusedToken: (message: string) => `Refused: ${message}. Check the token (the host’s serve --token) and type it again.`,
    connectFailed: (message: string) => `Could not connect: ${message}`,
    /** After a failed connect: the tokens were sent, and are not kept by the page. */
    retypeTokens: 'Type the tokens again to retry.',
  },
} as const;
