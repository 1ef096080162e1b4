export function App() {
  return (
    <main aria-labelledby="app-title">
      <h1 id="app-title">RoleTray</h1>
      <p>
        Switch AWS roles from the system tray. Roles and sessions appear here once the sessions core lands.
      </p>
    </main>
  );
}
