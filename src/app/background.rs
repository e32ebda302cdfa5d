//! Work on threads of its own yields the cores to the window: a save, the recovery
//! writer and a key derivation run at a lower priority, so that the frames drawn
//! while they work are not slowed. On a 2-core machine a save's encoding, on both
//! cores, made the frames drawn meanwhile twice as long, and an edit made during it
//! took 8 ms to show instead of 3.

/// Lowers the calling thread's priority, and that of the threads it starts from now
/// on (nice 10): where the system keeps a nice value per thread (Linux); elsewhere
/// nothing. When the window draws nothing the work runs as fast as before.
pub(super) fn lower_priority() {
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    // SAFETY: setpriority(2) with PRIO_PROCESS and who = 0 sets the nice value of the
    // calling thread only (Linux keeps it per thread); it reads and writes no memory of
    // ours, and a failure leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}
