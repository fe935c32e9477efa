//! Work that runs off the UI thread (reading an article, writing an export). The frame loop
//! polls it each frame, so the window keeps drawing while it runs.

use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// How often the window looks for the result while work is running.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

#[derive(Debug)]
pub struct BackgroundJob<T> {
    receiver: Receiver<T>,
}

/// Where a background job stands.
#[derive(Debug)]
pub enum JobState<T> {
    Running,
    Done(T),
    /// The worker ended without a result (it panicked).
    Lost,
}

impl<T: Send + 'static> BackgroundJob<T> {
    /// Runs `work` on a new thread and wakes the window when it is done.
    pub fn spawn(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (sender, receiver) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            // The window may have closed meanwhile; then nobody waits for the result.
            let _ = sender.send(work());
            repaint.request_repaint();
        });
        Self { receiver }
    }

    pub fn poll(&self, ctx: &egui::Context) -> JobState<T> {
        match self.receiver.try_recv() {
            Ok(result) => JobState::Done(result),
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(POLL_INTERVAL);
                JobState::Running
            }
            Err(TryRecvError::Disconnected) => JobState::Lost,
        }
    }
}
