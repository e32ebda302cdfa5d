//! Work on threads of its own yields the cores to the window: a save, the recovery
//! writer and a key derivation run at a lower priority, so that the frames drawn
//! while they work are not slowed. On a 2-core machine a save's encoding, on both
//! cores, made the frames drawn meanwhile twice as long, and an edit made during it
//! took 8 ms to show instead of 3. [`run_on_thread`] is how the window hands a job to
//! such a thread (the palette's search, a busy contact's lists).

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

/// Lets the allocator keep the memory a frame frees for the next frame. A frame of the
/// map with every mark shown builds and drops a 3 MB mesh; glibc handed the top of its
/// heap back to the system after each frame and took it again, a page fault per 4 kB,
/// 3–4 ms a frame instead of 1. With glibc (Linux) the heap is trimmed only past 64 MB
/// free, and only blocks of 32 MB and more get a mapping of their own (what glibc
/// raises its own threshold to at most); elsewhere nothing changes.
pub(super) fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: mallopt(3) only sets two of the allocator's thresholds; it may be called
    // at any time, from any thread, and a value it refuses leaves the threshold as it
    // was.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

/// Runs `work(job)` on a thread of its own, named `name`, at a lower priority, and
/// wakes `ctx` when its answer is in the receiver given back. Where no thread can be
/// started the job is given back, for the caller to run where it is.
pub(super) fn run_on_thread<J, R>(
    name: &str,
    ctx: &egui::Context,
    job: J,
    work: impl FnOnce(J) -> R + Send + 'static,
) -> Result<std::sync::mpsc::Receiver<R>, J>
where
    J: Send + 'static,
    R: Send + 'static,
{
    use std::sync::mpsc;
    let (sender, receiver) = mpsc::channel();
    // The job goes over a channel, so that a thread refused gives it back.
    let (job_sender, job_in) = mpsc::channel::<J>();
    let ctx = ctx.clone();
    let started = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        lower_priority();
        if let Ok(job) = job_in.recv() {
            // Whoever asked may be gone by now: nobody to tell, nothing to do.
            let _ = sender.send(work(job));
            ctx.request_repaint();
        }
    });
    match started {
        Ok(_) => job_sender.send(job).map(|()| receiver).map_err(|mpsc::SendError(job)| job),
        Err(error) => {
            log::warn!("{name}: no thread ({error}); done in the frame");
            Err(job)
        }
    }
}
