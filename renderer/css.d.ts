// A view imports its stylesheet for esbuild, which bundles every imported sheet into app.css.
declare module '*.css';
