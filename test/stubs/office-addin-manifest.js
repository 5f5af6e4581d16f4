// Minimal stand-in for office-addin-manifest: office-addin-mock only uses the OfficeApp enum.
const OfficeApp = {
  Excel: 'excel',
  OneNote: 'onenote',
  Outlook: 'outlook',
  Project: 'project',
  PowerPoint: 'powerpoint',
  Word: 'word',
};
module.exports = { OfficeApp };
