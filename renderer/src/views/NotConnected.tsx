/** The main window opened without `window.roletray`: nothing to show but how to open it properly. */
export function NotConnected() {
  return (
    <main className="app-shell" aria-labelledby="app-title">
      <h1 id="app-title">RoleTray</h1>
      <p className="error-text" role="alert">
        This window is not connected to RoleTray: open it from the RoleTray tray icon (or through{' '}
        <code>npm run preview</code> in a browser).
      </p>
    </main>
  );
}
