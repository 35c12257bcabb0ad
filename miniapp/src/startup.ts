/** The mini-program starts the app itself; H5 splits its start-up in two tasks (startup.h5.ts). */
export {};
