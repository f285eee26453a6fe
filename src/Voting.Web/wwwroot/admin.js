// A file larger than its form takes is refused as soon as it is chosen, with the message the server would give
// (data-too-large): the server stops reading a body much larger than its limit, and the browser would only show a
// broken connection after sending it. Without JavaScript the server's own check is all there is.
for (const input of document.querySelectorAll("input[type=file][data-max-bytes]")) {
  const check = () => {
    const file = input.files[0];
    input.setCustomValidity(file && file.size > Number(input.dataset.maxBytes) ? input.dataset.tooLarge : "");
    input.reportValidity();
  };
  input.addEventListener("change", check);
}
