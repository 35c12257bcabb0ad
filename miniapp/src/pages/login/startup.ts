/** The mini-program renders the page at once; H5 splits it from the code's evaluation (startup.h5.ts). */
export {};
