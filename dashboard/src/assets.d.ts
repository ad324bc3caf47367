/** Stylesheets are bundled by the build (esbuild), not loaded as modules. */
declare module '*.css';
