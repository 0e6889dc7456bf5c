/** Modules the playground's build provides (scripts/build-playground.mjs). */

/** The bundled samples, every .arch file under samples/ at build time: path under samples/ -> text. */
declare module 'archlint:samples' {
    const samples: Readonly<Record<string, string>>;
    export default samples;
}

/** A stylesheet, bundled into playground.css. */
declare module '*.css';
