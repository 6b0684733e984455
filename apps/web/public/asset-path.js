// Excalidraw reads this when it loads its self-hosted fonts. A file, not an
// inline script: the server's content security policy allows only scripts from 'self'.
window.EXCALIDRAW_ASSET_PATH = "/";
