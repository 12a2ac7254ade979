//! The English messages of each generation (`translate.en_US.toml` up to v3.0, `en-US.json` from v3.1).

use super::config::Generation;

/// Messages whose wording changed between generations.
pub(crate) struct Texts {
    pub login_success: &'static str,
    pub invalid_form: &'static str,
    pub traffic_get_error: &'static str,
    pub reset_all_client_traffic: &'static str,
    pub del_depleted: &'static str,
}

const V2: Texts = Texts {
    login_success: " You have successfully logged into your account.",
    invalid_form: "The Input data format is invalid.",
    traffic_get_error: "Error getting traffics.",
    reset_all_client_traffic: "All traffic from the client has been reset.",
    del_depleted: "All depleted clients are deleted.",
};

const V31: Texts = Texts {
    login_success: "You have successfully logged into your account.",
    invalid_form: "The input data format is invalid.",
    traffic_get_error: "Error getting traffic.",
    reset_all_client_traffic: "Traffic for all clients has been reset.",
    del_depleted: "All depleted clients have been deleted.",
};

/// The texts a panel of this generation answers with.
pub(crate) fn texts(generation: Generation) -> &'static Texts {
    match generation {
        Generation::D => &V31,
        _ => &V2,
    }
}

pub(crate) const SOMETHING_WENT_WRONG: &str = "Something went wrong";
pub(crate) const OBTAIN: &str = "Obtain";
pub(crate) const LOGIN_AGAIN: &str = "Your session has expired, please log in again";
pub(crate) const WRONG_LOGIN: &str = "Invalid username or password or two-factor code.";
pub(crate) const EMPTY_USERNAME: &str = "Username is required";
pub(crate) const EMPTY_PASSWORD: &str = "Password is required";
pub(crate) const INBOUND_CREATED: &str = "Inbound has been successfully created.";
pub(crate) const INBOUND_UPDATED: &str = "Inbound has been successfully updated.";
pub(crate) const INBOUND_DELETED: &str = "Inbound has been successfully deleted.";
pub(crate) const CLIENTS_ADDED: &str = "Inbound client(s) have been added.";
pub(crate) const CLIENT_DELETED: &str = "Inbound client has been deleted.";
pub(crate) const CLIENT_UPDATED: &str = "Inbound client has been updated.";
pub(crate) const TRAFFIC_RESET: &str = "Traffic has been reset.";
pub(crate) const ALL_TRAFFIC_RESET: &str = "All traffic has been reset.";
pub(crate) const INBOUND_TRAFFIC_RESET: &str = "Inbound traffic has been reset.";
pub(crate) const LOG_CLEARED: &str = "The log has been cleared.";
pub(crate) const XRAY_RESTARTED: &str = "Xray has been successfully relaunched.";
pub(crate) const XRAY_STOPPED: &str = "Xray has been successfully stopped.";
