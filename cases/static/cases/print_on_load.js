// The print page opens the print dialog once loaded (not with ?noprint, for tests and preview).
window.addEventListener("load", function () {
  if (!location.search.includes("noprint")) window.print();
});
