export default defineBackground(() => {
  // Message handlers, the context menu and the keyboard command arrive with the extension issue.
});
